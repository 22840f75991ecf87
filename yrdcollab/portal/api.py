from ninja import Router, Schema

from yrdcollab.platform.access.permissions import capabilities_of

router = Router(tags=["core"])


class UserAgencyRef(Schema):
    id: str
    name: str
    division_code: str


class MeOut(Schema):
    id: str
    username: str
    full_name: str
    agency: UserAgencyRef
    roles: list[str]
    capabilities: list[str]


@router.get("/me", response=MeOut, summary="当前用户 / The authenticated user")
def me(request):
    user = request.auth
    return {
        "id": str(user.public_id),
        "username": user.username,
        "full_name": user.full_name,
        "agency": {
            "id": str(user.agency.public_id),
            "name": user.agency.name,
            "division_code": user.agency.division_id,
        },
        "roles": sorted(user.role_codes),
        "capabilities": sorted(str(c) for c in capabilities_of(user)),
    }
