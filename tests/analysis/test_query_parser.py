"""The query language: what parses into what, and errors that say where the expression goes wrong."""

import re

import pytest

from annotator.analysis.query_parser import Binary, CodeTerm, Not, QueryError, TextTerm, parse


def shape(node):
    if isinstance(node, CodeTerm):
        return node.name
    if isinstance(node, TextTerm):
        return f"TEXT {node.words}"
    if isinstance(node, Not):
        return ["NOT", shape(node.operand)]
    suffix = f"/{node.paragraphs}" if node.paragraphs is not None else ""
    return [shape(node.left), node.op + suffix, shape(node.right)]


@pytest.mark.parametrize(("expression", "expected"), [
    ('"Stigma of the title" AND NOT "Legitimacy"', ["Stigma of the title", "AND NOT", "Legitimacy"]),
    ('("A" OR "B") AND NOT "C"', [["A", "OR", "B"], "AND NOT", "C"]),
    ('"A" OR "B" AND "C"', ["A", "OR", ["B", "AND", "C"]]),  # AND binds tighter than OR
    ('"A" AND "B" NEAR "C"', ["A", "AND", ["B", "NEAR", "C"]]),  # proximity tighter than AND
    ('"A" near/2 "B"', ["A", "NEAR/2", "B"]),
    ('"A" Followed By/0 "B"', ["A", "FOLLOWED BY/0", "B"]),
    ('NOT "A" AND "B"', ["B", "AND NOT", "A"]),  # read as B AND NOT A
    ('NOT "A"', ["NOT", "A"]),
    ('NOT NOT "A"', ["NOT", ["NOT", "A"]]),
    ('TEXT "gift card" OR "Pay > Stipend pay"', ["TEXT gift card", "OR", "Pay > Stipend pay"]),
    ('"The \\"peer\\" role title"', 'The "peer" role title'),
])
def test_expressions_parse_with_the_documented_precedence(expression, expected):
    assert shape(parse(expression)) == expected


@pytest.mark.parametrize(("expression", "message", "column"), [
    ("", "The query is empty", 1),
    ('"A" AND', "The query ends where a code in double quotes was expected", 8),
    ("Stigma AND Legitimacy", "'Stigma' is not an operator; put code names in double quotes", 1),
    ('("A" OR "B"', "A parenthesis is opened here and never closed", 1),
    ('"A")', "Unexpected ')'", 4),
    ('"A" "B"', 'Unexpected "B"; join terms with AND', 5),
    ('"A" AND "B', "This quotation mark is never closed", 9),
    ('"A" NEAR/ "B"', "Write the distance in paragraphs after the slash", 5),
    ('"A" AND/2 "B"', "Only NEAR and FOLLOWED BY take a distance", 5),
    ('"A" FOLLOWED "B"', "FOLLOWED must be followed by BY", 14),
    ('TEXT Stigma', "'Stigma' is not an operator", 6),
    ('TEXT ""', 'TEXT needs words in double quotes', 6),
    ('"A" & "B"', "Unexpected '&'", 5),
    ('""', "An empty code name", 1),
])
def test_bad_syntax_names_the_character_where_it_goes_wrong(expression, message, column):
    with pytest.raises(QueryError, match=re.escape(message)) as error:
        parse(expression)
    assert error.value.position == column - 1 and f"(at character {column})" in str(error.value)
