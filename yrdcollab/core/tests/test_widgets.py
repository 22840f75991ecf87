"""The picker and cascader widgets render what pickers.js enhances, and the posted code round-trips."""

from django import forms

from yrdcollab.core.widgets import DivisionCascader, PickerChoices, PickerSelect, use_picker

PICKER = PickerChoices(
    kind="matter",
    choices=[("占道经营", [("0501", "流动摊贩占道经营"), ("0502", "店外经营")])],
    keywords={"0501": "流动摊贩占道经营 ldtfzdjy 0501"},
)


class PlaceForm(forms.Form):
    matter = forms.ChoiceField()
    division = forms.CharField(max_length=12, widget=DivisionCascader(source_url="/api/divisions"))
    several = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["matter"], PICKER)
        use_picker(self.fields["several"], PICKER)


def test_picker_renders_groups_and_search_keywords():
    html = str(PlaceForm(initial={"matter": "0501"})["matter"])
    assert 'data-picker="matter"' in html and "data-placeholder=" in html
    assert '<option value="">—</option>' in html
    assert '<optgroup label="占道经营">' in html
    assert (
        '<option value="0501" data-search="流动摊贩占道经营 ldtfzdjy 0501" selected>流动摊贩占道经营</option>' in html
    )
    assert '<option value="0502">店外经营</option>' in html
    multiple = str(PlaceForm()["several"])
    assert "multiple" in multiple and '<option value="">' not in multiple
    assert isinstance(PlaceForm().fields["matter"].widget, PickerSelect)


def test_picker_refuses_a_value_it_does_not_offer():
    form = PlaceForm({"matter": "流动摊贩", "division": "310118"})
    assert not form.is_valid() and "matter" in form.errors


def test_cascader_renders_around_the_real_input_and_round_trips_the_code():
    form = PlaceForm({"matter": "0501", "division": "310118", "several": ["0502"]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["division"] == "310118"
    html = str(form["division"])
    assert '<input type="text" name="division" value="310118"' in html and 'id="id_division"' in html
    assert 'data-cascader="id_division"' in html and 'data-source="/api/divisions"' in html
    assert 'data-levels="county,town"' in html and " hidden>" in html  # shown by pickers.js only
    for label in ("省（市）", "市", "区（县）", "乡镇（街道）"):
        assert label in html
