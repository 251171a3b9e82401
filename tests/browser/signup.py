"""Filling the sign-up form as a participant does, shared by the journeys and the audits."""


def fill_signup(page, *, email="camille.bernard@example.org", mini_conference=1, waiting=False):
    """Fill every required field, choose mini-conference number `mini_conference`, one meal
    and three challenges, and consent; `waiting` also asks for the waiting list."""
    for name, value in {
        "first_name": "Camille",
        "last_name": "Bernard",
        "email": email,
        "employer": "Ville de Mâcon",
        "job_title": "Cheffe de projet",
    }.items():
        page.fill(f"#id_{name}", value)
    page.check("#id_category_0")
    page.check("#id_meals_0")
    page.get_by_label(f"Mini-conférence {mini_conference}\xa0:").check()
    if waiting:
        page.check("#id_join_waiting_list")
    for rank in (1, 2, 3):
        page.select_option(f"#id_challenge_{rank}", index=rank)
    page.check("#id_consent")
