# Apart from proposals.urls: the speakers page is part of the programme, not of the call.
from django.urls import path

from programme.pagecache import cacheable

from . import views

app_name = "speakers"
urlpatterns = [
    path("", cacheable(views.speaker_list), name="list"),
]
