from datetime import datetime

from ninja import Schema


class NotificationOut(Schema):
    id: str
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None
    is_read: bool

    @staticmethod
    def resolve_id(obj) -> str:
        return str(obj.public_id)


class UnreadCountOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int
