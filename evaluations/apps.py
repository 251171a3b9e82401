from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Évaluations")

    def ready(self):
        from mailqueue.services import before_each_pass
        from programme import copying
        from programme.models import Edition

        from . import follow_up, reminders, services

        # A new edition has a questionnaire without anyone typing it; a copy has its source's.
        post_save.connect(
            services.give_default_questions, sender=Edition, dispatch_uid="evaluation-defaults"
        )
        copying.also_copy(services.copy_questions)
        # The mail worker sends each day's reminder once the day's sessions have ended.
        before_each_pass(reminders.send_due_reminders)
        # And, weeks later, the follow-up: prochains pas and the « à froid » questionnaire.
        before_each_pass(follow_up.send_due_follow_ups)
