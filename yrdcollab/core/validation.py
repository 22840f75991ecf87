"""Small input checks shared by every app."""

from uuid import UUID


def is_uuid(value) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True
