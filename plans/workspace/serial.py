"""The backup's serialisation: Django's JSON, but with times to the microsecond.

Django's JSON encoder cuts times to milliseconds, so a history record stamped
12:00:00.000500 would come back as 12:00:00 and a backup would not restore exactly what
was there. Registered as the ``fulljson`` format (settings.SERIALIZATION_MODULES).
"""

from __future__ import annotations

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class FullTimeEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullTimeEncoder


Deserializer = django_json.Deserializer
