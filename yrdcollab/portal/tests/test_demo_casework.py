import pytest

from yrdcollab.casework.collaboration.models import TrackedItem


@pytest.mark.django_db
def test_demo_items_are_made_once_through_the_workflows(directory, matters, work_calendar):  # noqa: F811
    from yrdcollab.platform.accounts.demo import demo_users_ensure
    from yrdcollab.portal.demo_casework import demo_items_ensure

    demo_users_ensure()
    assert len(demo_items_ensure()) == 4
    assert demo_items_ensure() == []
    tracked = {item.title: item for item in TrackedItem.objects.all()}
    assert tracked["汾湖大道夜间偷倒建筑垃圾"].step == "sign"
    assert tracked["西塘古镇景区周边违规设置户外广告"].step == "conclude"
    assert tracked["协助核实渣土运输单位登记信息"].waiting_on.name == "上海市青浦区城市管理行政执法局"
