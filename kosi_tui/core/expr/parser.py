"""Recursive-descent parser: source text to a tree of nodes, with bounded length and depth.

expr  := or
or    := and ("or" and)*
and   := not ("and" not)*
not   := "not" not | cmp
cmp   := sum [ ("=="|"!="|"<"|"<="|">"|">=") sum | ["not"] "in" sum
             | "contains" sum | "is" ["not"] "empty" ]
sum   := term (("+"|"-") term)*
term  := unary (("*"|"/") unary)*
unary := ("-" | "not") unary | atom
atom  := NUMBER | STRING | true | false | null | value | NAME
       | FUNC "(" [expr ("," expr)* | expr "where" expr] ")" | "(" expr ")" | "[" [expr ("," expr)*] "]"
"""

from __future__ import annotations

from kosi_tui.core.expr.errors import ExprError
from kosi_tui.core.expr.functions import FUNCTIONS
from kosi_tui.core.expr.hints import with_hint
from kosi_tui.core.expr.nodes import (
    Binary,
    Call,
    IsEmpty,
    ListLit,
    Literal,
    Membership,
    Node,
    Ref,
    Unary,
    ValueRef,
)
from kosi_tui.core.expr.tokens import KEYWORDS, Token, tokenize
from kosi_tui.core.suggest import closest

MAX_LENGTH = 1000
"""Longest expression accepted, in characters."""
MAX_DEPTH = 32
"""Deepest nesting accepted (brackets, calls, `not` and `-` chains)."""

_COMPARE = frozenset({"==", "!=", "<", "<=", ">", ">="})


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.i + offset, len(self.tokens) - 1)]

    def at(self, text: str) -> bool:
        tok = self.tok
        return tok.kind in ("op", "name") and tok.text == text

    def take(self) -> Token:
        tok = self.tok
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        if not self.at(text):
            raise ExprError("expected", self.tok.pos, expected=text, found=self.tok.text or "end")
        return self.take()

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("too_deep", pos, limit=MAX_DEPTH)

    def leave(self) -> None:
        self.depth -= 1

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ExprError("empty", 0)
        node = self.expr()
        rest = self.tokens[self.i]
        if rest.kind != "end":
            raise ExprError("unexpected", rest.pos, found=rest.text)
        return node

    def expr(self) -> Node:
        self.enter(self.tok.pos)
        node = self.or_()
        self.leave()
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.at("or"):
            pos = self.take().pos
            node = Binary("or", node, self.and_(), pos)
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("and"):
            pos = self.take().pos
            node = Binary("and", node, self.not_(), pos)
        return node

    def not_(self) -> Node:
        if self.at("not"):
            pos = self.take().pos
            self.enter(pos)
            node = Unary("not", self.not_(), pos)
            self.leave()
            return node
        return self.cmp()

    def cmp(self) -> Node:
        left = self.sum()
        tok = self.tok
        if tok.kind == "op" and tok.text in _COMPARE:
            self.take()
            return Binary(tok.text, left, self.sum(), tok.pos)
        if self.at("in"):
            self.take()
            return Membership("in", left, self.sum(), tok.pos)
        if self.at("not") and self.peek().kind == "name" and self.peek().text == "in":
            self.take()
            self.take()
            return Membership("not in", left, self.sum(), tok.pos)
        if self.at("contains"):
            self.take()
            return Membership("contains", left, self.sum(), tok.pos)
        if self.at("is"):
            self.take()
            negated = False
            if self.at("not"):
                self.take()
                negated = True
            self.expect("empty")
            return IsEmpty(left, negated, tok.pos)
        return left

    def sum(self) -> Node:
        node = self.term()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            tok = self.take()
            node = Binary(tok.text, node, self.term(), tok.pos)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in ("*", "/"):
            tok = self.take()
            node = Binary(tok.text, node, self.unary(), tok.pos)
        return node

    def unary(self) -> Node:
        # `not` inside arithmetic (`1 - not x`) binds to the next operand only.
        if self.at("not"):
            pos = self.take().pos
            self.enter(pos)
            node = Unary("not", self.unary(), pos)
            self.leave()
            return node
        if self.tok.kind == "op" and self.tok.text == "-":
            pos = self.take().pos
            self.enter(pos)
            node = Unary("-", self.unary(), pos)
            self.leave()
            return node
        return self.atom()

    def items(self, close: str) -> tuple[Node, ...]:
        items: list[Node] = []
        if not self.at(close):
            items.append(self.expr())
            while self.at(","):
                self.take()
                items.append(self.expr())
        self.expect(close)
        return tuple(items)

    def arguments(self) -> tuple[tuple[Node, ...], Node | None]:
        """A call's arguments up to `)`; `f(x where c)` gives one argument and its filter."""
        if self.at(")"):
            self.take()
            return (), None
        items = [self.expr()]
        if self.at("where"):
            self.take()
            where = self.expr()
            self.expect(")")
            return tuple(items), where
        while self.at(","):
            self.take()
            items.append(self.expr())
        self.expect(")")
        return tuple(items), None

    def atom(self) -> Node:
        tok = self.tok
        if tok.kind in ("num", "str"):
            self.take()
            return Literal(tok.value, tok.pos)
        if tok.kind == "op" and tok.text == "(":
            self.take()
            node = self.expr()
            self.expect(")")
            return node
        if tok.kind == "op" and tok.text == "[":
            self.take()
            self.enter(tok.pos)
            items = self.items("]")
            self.leave()
            return ListLit(items, tok.pos)
        if tok.kind == "name":
            return self.name(tok)
        if tok.kind == "end":
            raise ExprError("unexpected_end", tok.pos)
        raise ExprError("unexpected", tok.pos, found=tok.text)

    def name(self, tok: Token) -> Node:
        text = tok.text
        if text in ("true", "false"):
            self.take()
            return Literal(text == "true", tok.pos)
        if text == "null":
            self.take()
            return Literal(None, tok.pos)
        if text == "value":
            self.take()
            return ValueRef(tok.pos)
        if self.peek().kind == "op" and self.peek().text == "(" and text not in KEYWORDS:
            if text not in FUNCTIONS:
                raise ExprError(
                    "unknown_function", tok.pos, name=text, suggestion=closest(text, FUNCTIONS)
                )
            self.take()
            self.take()
            self.enter(tok.pos)
            args, where = self.arguments()
            self.leave()
            fn = FUNCTIONS[text]
            if not fn.min_args <= len(args) <= fn.max_args:
                raise ExprError(
                    "arity", tok.pos, name=text, min=fn.min_args, max=fn.max_args, given=len(args)
                )
            return Call(text, args, tok.pos, where)
        if text in KEYWORDS:
            raise ExprError("unexpected", tok.pos, found=text)
        self.take()
        return Ref(tuple(text.split(".")), tok.pos)


def parse(source: str) -> Node:
    """The tree of `source`; raises `ExprError` for anything that is not a valid expression."""
    if not isinstance(source, str):
        raise ExprError("not_text", 0)
    if len(source) > MAX_LENGTH:
        raise ExprError("too_long", MAX_LENGTH, limit=MAX_LENGTH, length=len(source))
    try:
        return _Parser(source).parse()
    except ExprError as err:
        raise with_hint(source, err) from None
