"""Django's JSON serializer, keeping the microseconds of times.

Django's encoder cuts times to the millisecond; a backup must not: the waiting list is in
order of Seat.joined_at, and two sign-ups within a millisecond would swap on restore.
Registered as the « json » format (settings.SERIALIZATION_MODULES): dumpdata, loaddata and
the backup commands use it.
"""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401 - the format needs both
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as DjangoSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(DjangoSerializer):
    def serialize(self, queryset, **options):
        options.setdefault("cls", ExactEncoder)  # passed on to json.dump
        return super().serialize(queryset, **options)
