"""The coding query language: code names in double quotes ("Stigma of the title", or a path "Parent > Child"),
TEXT "words" for a text search, AND, OR, NOT, NEAR, FOLLOWED BY and parentheses. Parsed into a small tree; every
error names the character position where the expression goes wrong.

    expression := and-term (OR and-term)*
    and-term   := proximity (AND [NOT] proximity)*
    proximity  := unary ((NEAR | FOLLOWED BY)[/N] unary)*     N: within N paragraphs; without it, the same turn
    unary      := NOT unary | "code" | TEXT "words" | ( expression )

Keywords are case-insensitive; NOT binds tightest, then NEAR/FOLLOWED BY, then AND, then OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError


class QueryError(AnnotatorError):
    """A query that cannot be run; `position` is the 0-based character where the problem is."""

    def __init__(self, message: str, position: int):
        super().__init__(f"{message} (at character {position + 1})")
        self.position = position


@dataclass(frozen=True)
class CodeTerm:
    name: str
    position: int


@dataclass(frozen=True)
class TextTerm:
    words: str
    position: int


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str  # "AND", "AND NOT", "OR", "NEAR", "FOLLOWED BY"
    left: Node
    right: Node
    paragraphs: int | None = None  # NEAR/N, FOLLOWED BY/N; None: within the same speaker turn


Node = CodeTerm | TextTerm | Not | Binary

_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*"?)|(?P<paren>[()])|(?P<word>[A-Za-z]+)(?P<n>/\d*)?|(?P<bad>\S))')
_KEYWORDS = {"AND", "OR", "NOT", "NEAR", "FOLLOWED", "BY", "TEXT"}


@dataclass(frozen=True)
class _Token:
    kind: str  # "string", "(", ")", a keyword, "end"
    text: str
    position: int
    window: int | None = None


def _tokens(expression: str) -> list[_Token]:
    out, position = [], 0
    while position < len(expression):
        m = _TOKEN.match(expression, position)
        if m is None or m.end() == position:  # only trailing white space is left
            break
        start = m.start(m.lastgroup) if m.lastgroup != "n" else m.start("word")
        if m.group("string") is not None:
            raw = m.group("string")
            if not re.fullmatch(r'"(?:[^"\\]|\\.)*"', raw):
                raise QueryError("This quotation mark is never closed", start)
            out.append(_Token("string", re.sub(r"\\(.)", r"\1", raw[1:-1]), start))
        elif m.group("paren"):
            out.append(_Token(m.group("paren"), m.group("paren"), start))
        elif m.group("word"):
            word = m.group("word").upper()
            if word not in _KEYWORDS:
                raise QueryError(f"'{m.group('word')}' is not an operator; put code names in double quotes "
                                 'and join them with AND, OR, NOT, NEAR or FOLLOWED BY', start)
            window = None
            if m.group("n") is not None:
                if word not in ("NEAR", "BY"):
                    raise QueryError(f"Only NEAR and FOLLOWED BY take a distance, not {word}", start)
                if m.group("n") == "/":
                    raise QueryError(f"Write the distance in paragraphs after the slash, e.g. {word}/2", start)
                window = int(m.group("n")[1:])
            out.append(_Token(word, m.group("word"), start, window))
        else:
            raise QueryError(f"Unexpected '{m.group('bad')}'", start)
        position = m.end()
    out.append(_Token("end", "", len(expression.rstrip())))
    return out


def _shown(token: _Token) -> str:
    return f'"{token.text}"' if token.kind == "string" else f"'{token.text}'"


class _Parser:
    def __init__(self, expression: str):
        self.tokens = _tokens(expression)
        self.i = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expression(self) -> Node:
        node = self.and_term()
        while self.current.kind == "OR":
            self.take()
            node = Binary("OR", node, self.and_term())
        return node

    def and_term(self) -> Node:
        node = self.proximity()
        while self.current.kind == "AND":
            self.take()
            if self.current.kind == "NOT":
                self.take()
                node = Binary("AND NOT", node, self.proximity())
            else:
                right = self.proximity()
                # NOT A AND B reads as B AND NOT A, so passages mode keeps whole passages of B.
                node = Binary("AND NOT", right, node.operand) if isinstance(node, Not) else Binary("AND", node, right)
        return node

    def proximity(self) -> Node:
        node = self.unary()
        while self.current.kind in ("NEAR", "FOLLOWED"):
            token = self.take()
            if token.kind == "FOLLOWED":
                if self.current.kind != "BY":
                    raise QueryError("FOLLOWED must be followed by BY", self.current.position)
                token = self.take()
                op = "FOLLOWED BY"
            else:
                op = "NEAR"
            node = Binary(op, node, self.unary(), token.window)
        return node

    def unary(self) -> Node:
        token = self.current
        if token.kind == "NOT":
            self.take()
            return Not(self.unary())
        if token.kind == "string":
            self.take()
            if not token.text.strip():
                raise QueryError("An empty code name", token.position)
            return CodeTerm(token.text, token.position)
        if token.kind == "TEXT":
            self.take()
            words = self.take()
            if words.kind != "string" or not re.search(r"\w", words.text):
                raise QueryError('TEXT needs words in double quotes, e.g. TEXT "gift card"', words.position)
            return TextTerm(words.text, token.position)
        if token.kind == "(":
            self.take()
            node = self.expression()
            if self.current.kind != ")":
                raise QueryError("A parenthesis is opened here and never closed", token.position)
            self.take()
            return node
        if token.kind == "end":
            raise QueryError("The query ends where a code in double quotes was expected", token.position)
        raise QueryError(f"Expected a code in double quotes, TEXT or '(' here, not {_shown(token)}", token.position)


def parse(expression: str) -> Node:
    """The tree of a query, or a QueryError saying where it goes wrong."""
    if not expression.strip():
        raise QueryError("The query is empty", 0)
    parser = _Parser(expression)
    node = parser.expression()
    if parser.current.kind != "end":
        token = parser.current
        hint = " (a ')' without its '(')" if token.kind == ")" else "; join terms with AND, OR, NEAR or FOLLOWED BY"
        raise QueryError(f"Unexpected {_shown(token)}{hint}", token.position)
    return node


def code_terms(node: Node) -> list[CodeTerm]:
    """Every code term in the tree, left to right."""
    if isinstance(node, CodeTerm):
        return [node]
    if isinstance(node, Not):
        return code_terms(node.operand)
    if isinstance(node, Binary):
        return [*code_terms(node.left), *code_terms(node.right)]
    return []
