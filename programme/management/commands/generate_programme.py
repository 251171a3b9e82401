"""A synthetic programme N times the size of the current one, for benchmarks.

It copies the current edition's days, sessions and mini-conferences N times into a new
published edition, each copy in its own venues and every copy after the first parallel by
design (sessions everyone attends may not overlap otherwise), so the programme stays valid.
The real edition is unpublished so the site shows the copy: for benchmark databases only.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme.models import Day, Edition, MiniConference, Session, Venue


class Command(BaseCommand):
    help = "Crée une édition synthétique N fois plus grande que l'édition en ligne (bancs d'essai)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10, help="Multiplicateur (1, 10, 100…).")

    @transaction.atomic
    def handle(self, *args, scale, **options):
        source = Edition.objects.current()
        if source is None or scale < 1:
            raise CommandError("Il faut une édition publiée et un multiplicateur ≥ 1.")
        edition = self.copy_edition(source, scale)
        Edition.objects.filter(pk=source.pk).update(is_published=False)
        venues = self.copy_venues(scale)
        counts = [0, 0]
        for day in source.days.all():
            new_day = Day.objects.create(edition=edition, date=day.date, note=day.note)
            for session in day.sessions.prefetch_related("mini_conferences"):
                added = self.copy_session(session, new_day, venues)
                counts = [a + b for a, b in zip(counts, added, strict=True)]
        self.stdout.write(
            f"Édition « {edition.slug} » : {counts[0]} séances, {counts[1]} mini-conférences."
        )

    def copy_edition(self, source, scale):
        slug = f"{source.slug}-x{scale}"
        Edition.objects.filter(slug=slug).delete()
        return Edition.objects.create(
            number=source.number,
            slug=slug,
            title=f"{source.title} (×{scale})",
            theme=source.theme,
            start_date=source.start_date,
            end_date=source.end_date,
            town=source.town,
            introduction=source.introduction,
            is_published=True,
        )

    def copy_venues(self, scale):
        return [
            Venue.objects.get_or_create(slug=f"banc-{copy}", defaults={"name": f"Salle {copy}"})[0]
            for copy in range(scale)
        ]

    def copy_session(self, session, day, venues):
        sessions = Session.objects.bulk_create(
            Session(
                day=day,
                start=session.start,
                end=session.end,
                title=f"{session.title} ({copy + 1})",
                description=session.description,
                kind=session.kind,
                challenge_step=session.challenge_step,
                venue=venue,
                is_parallel=session.is_parallel or copy > 0,
            )
            for copy, venue in enumerate(venues)
        )
        mini_conferences = MiniConference.objects.bulk_create(
            MiniConference(
                slot=new,
                number=mc.number,
                title=mc.title,
                description=mc.description,
                capacity=mc.capacity,
            )
            for new in sessions
            for mc in session.mini_conferences.all()
        )
        return len(sessions), len(mini_conferences)
