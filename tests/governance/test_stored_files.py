"""Minutes are kept only with their meeting."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from common.uploads import store_file, stored_files_scope
from governance.models import Meeting
from governance.services import meeting_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 minutes"


class Rollback(Exception):
    pass


def test_minutes_of_a_rolled_back_meeting_leave_no_file(
    steering_group, official, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with stored_files_scope(), pytest.raises(Rollback), transaction.atomic():
        meeting = meeting_record(
            group=steering_group,
            date=datetime.date(2017, 6, 1),
            user=official,
            minutes_file=SimpleUploadedFile("protokoll.pdf", PDF),
        )
        stored = tmp_path / meeting.minutes_file.name
        assert stored.read_bytes() == PDF
        raise Rollback

    assert not Meeting.objects.exists()
    assert not stored.exists()


def test_storing_a_file_outside_a_scope_is_refused(steering_group):
    meeting = Meeting(group=steering_group, date=datetime.date(2017, 6, 1))
    with pytest.raises(RuntimeError):
        store_file(meeting.minutes_file, "x.pdf", SimpleUploadedFile("x.pdf", PDF))
