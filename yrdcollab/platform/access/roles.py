"""Roles and what each may do. This module and access/permissions.py are the only places that
know which role may do what (DESIGN §3.4)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("执法队员")
    SQUAD_LEADER = "squad_leader", _("中队长")
    BUREAU_LEADER = "bureau_leader", _("局领导")
    LIAISON = "liaison", _("联络员")
    SUPERVISOR = "supervisor", _("指挥中心督办员")
    CREDIT_OFFICER = "credit_officer", _("信用管理员")
    INTEGRATOR = "integrator", _("系统对接员")
    PLATFORM_ADMIN = "platform_admin", _("平台管理员")
    AUDITOR = "auditor", _("审计员")


class Capability(StrEnum):
    DIRECTORY_VIEW = "directory.view"
    DIRECTORY_MANAGE = "directory.manage"
    CERTIFICATE_VERIFY = "certificate.verify"
    CERTIFICATE_MANAGE = "certificate.manage"  # issue/revoke certificates of one's own agency
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    CALENDAR_MANAGE = "calendar.manage"
    PERSONAL_DATA_FULL = "personal_data.full"  # see unmasked ID and phone numbers (audited)
    API_TOKEN_OWN = "api_token.own"
    COLLABORATION_HANDLE = "collaboration.handle"  # send, receive and answer transfers and requests
    COLLABORATION_SUPERVISE = "collaboration.supervise"  # command centre: sees every item, orders 督办
    MATTER_MANAGE = "matter.manage"  # edit the matter catalogue and per-matter deadline rules
    BULLETIN_PUBLISH = "bulletin.publish"
    CREDIT_QUERY = "credit.query"  # query any subject's credit across the four regions (audited)
    CREDIT_MANAGE = "credit.manage"  # the determining agency: records, 严重失信名单, repair decisions
    CREDIT_MEASURE = "credit.measure"  # apply and lift joint punishment measures of one's own agency
    CREDIT_REPAIR_FILE = "credit.repair_file"  # file a repair application at a service window
    CREDIT_EXCHANGE = "credit.exchange"  # bulk import / change export with provincial credit systems
    DEVICE_MANAGE = "device.manage"  # register and maintain the agency's monitoring devices
    DEVICE_REVIEW = "device.review"  # 行政处罚法第四十一条 review and publication of devices
    INGEST_MONITOR = "ingest.monitor"  # dead-letter queue and ingestion health
    TRUCK_MANAGE = "truck.manage"  # muck trucks, disposal sites and approved routes
    INTEGRATION_MANAGE = "integration.manage"  # Open311 API keys and other external clients
    CAMPAIGN_MANAGE = "campaign.manage"  # initiate joint campaigns, answer invitations, assign campaign tasks
    DUTY_MANAGE = "duty.manage"  # build joint-duty rosters and shifts, nominate officers
    AUTHORIZATION_GRANT = "authorization.grant"  # authorize another agency's officers to inspect here
    EVENT_MANAGE = "event.manage"  # major-event operations: zones, reinforcement, reports
    PARTY_NAME_REVIEW = "party.name_review"  # approve or reject a proposed party name (ADR 0021)
    WORK_ASSIGN = "work.assign"  # assign (承办) an item held by one's agency to one of its officers
    COMMAND_VIEW = "command.view"  # the cockpit and the evaluation of one's scope (command centre: all)


_EVERYONE = {Capability.DIRECTORY_VIEW, Capability.API_TOKEN_OWN}
_FIELD_STAFF = _EVERYONE | {Capability.CERTIFICATE_VERIFY}
_CASE_HANDLERS = _FIELD_STAFF | {Capability.COLLABORATION_HANDLE, Capability.CREDIT_QUERY}
_CREDIT_STAFF = {
    Capability.CREDIT_QUERY,
    Capability.CREDIT_MANAGE,
    Capability.CREDIT_MEASURE,
    Capability.CREDIT_REPAIR_FILE,
    Capability.CREDIT_EXCHANGE,
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.OFFICER: frozenset(_CASE_HANDLERS),
    Role.SQUAD_LEADER: frozenset(
        _CASE_HANDLERS
        | {
            Capability.CREDIT_MEASURE,
            Capability.DEVICE_MANAGE,
            Capability.TRUCK_MANAGE,
            Capability.DUTY_MANAGE,
            Capability.WORK_ASSIGN,
            Capability.COMMAND_VIEW,
        }
    ),
    Role.BUREAU_LEADER: frozenset(
        _CASE_HANDLERS
        | {
            Capability.CERTIFICATE_MANAGE,
            Capability.PERSONAL_DATA_FULL,
            Capability.BULLETIN_PUBLISH,
            Capability.CREDIT_MANAGE,
            Capability.CREDIT_MEASURE,
            Capability.DEVICE_MANAGE,
            Capability.DEVICE_REVIEW,
            Capability.TRUCK_MANAGE,
            Capability.CAMPAIGN_MANAGE,
            Capability.DUTY_MANAGE,
            Capability.AUTHORIZATION_GRANT,
            Capability.EVENT_MANAGE,
            Capability.WORK_ASSIGN,
            Capability.COMMAND_VIEW,
        }
    ),
    Role.LIAISON: frozenset(
        _CASE_HANDLERS
        | {
            Capability.BULLETIN_PUBLISH,
            Capability.CREDIT_REPAIR_FILE,
            Capability.CAMPAIGN_MANAGE,
            Capability.EVENT_MANAGE,
            Capability.COMMAND_VIEW,
        }
    ),
    Role.SUPERVISOR: frozenset(
        _FIELD_STAFF
        | {
            Capability.COLLABORATION_SUPERVISE,
            Capability.BULLETIN_PUBLISH,
            Capability.CREDIT_QUERY,
            Capability.COMMAND_VIEW,
        }
    ),
    # The names the public credit pages show are reviewed by credit officers (ADR 0021).
    Role.CREDIT_OFFICER: frozenset(
        _FIELD_STAFF | _CREDIT_STAFF | {Capability.PERSONAL_DATA_FULL, Capability.PARTY_NAME_REVIEW}
    ),
    # A provincial system connects with a token and creates, receives and answers items, and keeps its
    # credit system in step with the platform.
    Role.INTEGRATOR: frozenset(_EVERYONE | {Capability.COLLABORATION_HANDLE, Capability.CREDIT_EXCHANGE}),
    Role.PLATFORM_ADMIN: frozenset(
        _FIELD_STAFF
        | {
            Capability.DIRECTORY_MANAGE,
            Capability.CERTIFICATE_MANAGE,
            Capability.USER_MANAGE,
            Capability.CALENDAR_MANAGE,
            Capability.MATTER_MANAGE,
            Capability.BULLETIN_PUBLISH,
            Capability.DEVICE_MANAGE,
            Capability.DEVICE_REVIEW,
            Capability.INGEST_MONITOR,
            Capability.TRUCK_MANAGE,
            Capability.INTEGRATION_MANAGE,
        }
    ),
    Role.AUDITOR: frozenset(_EVERYONE | {Capability.AUDIT_VIEW}),
}
