def can_see_job(user, job) -> bool:
    """A job and its result are the asker's own (an export holds what they may read)."""
    return job.owner_id == user.pk
