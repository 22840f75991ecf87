"""The transfer form's pickers: matter grouped under its category, receivers grouped by region and
searchable by pinyin initials, the division cascader around the posted code input, and prefill by link."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_form_offers_pickers_and_a_cascader(officer, agency, matters, clue_payload):
    agency("wujiang")
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("transfers:create")).content.decode()
    assert 'name="matter"' in page and 'data-picker="matter"' in page
    assert '<optgroup label="占道经营">' in page
    assert 'value="0501" data-search="流动摊贩占道经营 ldtfzdjy 0501"' in page
    assert 'data-picker="agency"' in page and '<optgroup label="江苏省 · 苏州市">' in page
    assert 'data-search="苏州市吴江区综合行政执法局 szswjqzhxzzfj 吴江区综合执法局 wjqzhzfj"' in page
    # the cascader wraps the real input, which keeps its id, name and the receiver suggestion
    assert 'data-cascader="id_place_division"' in page
    assert 'id="id_place_division"' in page and 'hx-get="/transfers/suggest-receiver/"' in page
    assert 'data-source="/api/v1/directory/divisions"' in page


def test_a_link_may_prefill_the_form(officer, agency, matters):
    wujiang = agency("wujiang")
    client = Client()
    client.force_login(officer)
    url = reverse("transfers:create")
    page = client.get(
        url, {"matter": "0501", "place_division": "320509", "receiver": str(wujiang.public_id), "latitude": "31.03"}
    ).content.decode()
    assert '<option value="0501" data-search="流动摊贩占道经营 ldtfzdjy 0501" selected>' in page
    assert f'<option value="{wujiang.public_id}"' in page and " selected>苏州市吴江区综合行政执法局<" in page
    assert 'value="320509"' in page and 'value="31.03"' in page


def test_the_suggested_receiver_comes_back_grouped_and_selected(officer, agency):
    wujiang = agency("wujiang")
    client = Client()
    client.force_login(officer)
    fragment = client.get(reverse("transfers:suggest_receiver"), {"place_division": "320509"}).content.decode()
    assert 'data-picker="agency"' in fragment and '<optgroup label="江苏省 · 苏州市">' in fragment
    assert f'value="{wujiang.public_id}"' in fragment and "selected>苏州市吴江区综合行政执法局" in fragment
