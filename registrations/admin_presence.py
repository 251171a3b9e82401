"""The admin side of on-site sign-in: countersigned lists (reopening one is deleting it), the
log of changes to closed lists, and that log kept for presences changed in the admin too."""

from django.contrib import admin

from .models import AttendanceLog, ListClosing


def closing_for(attendance):
    return ListClosing.objects.filter(
        day=attendance.day_id, period=attendance.period, mini_conference=None
    ).first()


def log_admin_change(request, attendance, action):
    """A presence added or removed in the admin on a closed list: logged like the others."""
    closing = closing_for(attendance)
    if closing is not None:
        AttendanceLog.objects.create(
            closing=closing,
            registration_id=attendance.registration_id,
            action=action,
            by=request.user,
        )


class LoggedAttendanceMixin:
    """For the presences' admin: each addition or deletion on a closed list is logged."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            log_admin_change(request, obj, AttendanceLog.Action.ADDED)

    def delete_model(self, request, obj):
        log_admin_change(request, obj, AttendanceLog.Action.REMOVED)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for attendance in queryset:
            log_admin_change(request, attendance, AttendanceLog.Action.REMOVED)
        super().delete_queryset(request, queryset)


def log_inline_changes(request, formset):
    """The registration page's presences inline: its additions and deletions, logged."""
    for attendance in formset.new_objects:
        log_admin_change(request, attendance, AttendanceLog.Action.ADDED)
    for attendance in formset.deleted_objects:
        log_admin_change(request, attendance, AttendanceLog.Action.REMOVED)


class AttendanceLogInline(admin.TabularInline):
    model = AttendanceLog
    extra = 0
    fields = ["at", "by", "action", "registration"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ListClosing)
class ListClosingAdmin(admin.ModelAdmin):
    """Read-only: a list is closed from « Codes d’émargement »; deleting the row reopens it."""

    list_display = ["__str__", "closed_by_name", "closed_at"]
    list_select_related = ["day", "mini_conference"]
    readonly_fields = ["day", "period", "mini_conference", "closed_by", "closed_by_name"]
    readonly_fields += ["closed_at"]
    inlines = [AttendanceLogInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AttendanceLog)
class AttendanceLogAdmin(admin.ModelAdmin):
    list_display = ["at", "registration", "action", "by", "closing"]
    list_select_related = ["registration", "by", "closing__day", "closing__mini_conference"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
