"""What the studio knows about each kind (studio.kinds)."""
from studio.kinds import kind_info, label_of, widget_for


def test_labels_and_default_widgets_come_from_the_schema():
    assert label_of("hitPolicy") == "Hit policy" and label_of("id") == "Id"
    schema = {"$defs": {"row": {"type": "object"}}}
    assert widget_for(schema, {"enum": ["a"]}) == "select"
    assert widget_for(schema, {"type": ["string", "null"]}) == "text"
    assert widget_for(schema, {"type": "array", "items": {"$ref": "#/$defs/row"}}) == "table"
    assert widget_for(schema, {"type": "array", "items": {"type": "string"}}) == "tags"
    assert widget_for(schema, {"title": "Expression"}) == "jsonlogic"


def test_a_ref_member_keeps_its_own_title_and_takes_the_rest_from_the_definition():
    price_list = {f.name: f for f in kind_info("price_list").fields}
    assert price_list["currency"].widget == "text" and price_list["prices"].widget == "table"
