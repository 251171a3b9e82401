from django.contrib import admin

from .models import DayReminder, FollowUpMailing, Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "edition", "scope", "kind", "order"]
    list_editable = ["order"]
    list_filter = ["edition", "scope", "kind"]
    search_fields = ["text"]


# Answers and Responses are not in the admin: the results page shows the answers, grouped and
# over the threshold; no page lists who answered next to what was answered.


@admin.register(DayReminder)
class DayReminderAdmin(admin.ModelAdmin):
    list_display = ["day", "recipients"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FollowUpMailing)
class FollowUpMailingAdmin(DayReminderAdmin):
    """When the « à froid » emails of an edition went, and to how many: read only."""

    list_display = ["edition", "recipients"]
