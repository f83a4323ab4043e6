"""The compiled rules of a form (`FormSpec`), without a database: web entry, the API and
imports all validate through `validate`."""

from tallytale.surveys.spec import FormSpec


def _form(constraint: str) -> FormSpec:
    return FormSpec(
        [
            {
                "path": "age",
                "name": "age",
                "type": "integer",
                "list_name": "",
                "constraint": constraint,
                "constraint_message": {"default": "That's not a valid age!"},
            },
        ],
        [],
        "default",
    )


def test_a_constraint_naming_its_own_question_sees_the_answer():
    """Kobo forms write `${age} > 0 and ${age} < 120` where `. > 0` would do: both accept
    10 and refuse 130 (the named form used to refuse every answer)."""
    for constraint in ("${age} > 0 and ${age} < 120", ". > 0 and . < 120"):
        spec = _form(constraint)
        assert spec.validate({"age": "10"}) == ({"age": "10"}, []), constraint
        assert spec.validate({"age": "130"})[1] == [("age", "That's not a valid age!")]
