//! The rule language: the syntax tree of conditions written in framework data, and its parser.
//!
//! A condition is a string in a data file, e.g.
//!
//! ```text
//! not crime-prevention-aim or age-max < 8 or age-min > 27
//! components has any practices(harmful)
//! rank(recognition-level) >= good-indications and not expired(recognition-level)
//! evaluation-design in [quasi-experimental, rct, multiple-controlled] and evaluation-result == positive
//! at-least(2, manual, staff-qualified, supervision)
//! ```
//!
//! Grammar (lowest precedence first):
//!
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | atom
//! atom    := "(" expr ")" | "true" | "false"
//!          | call                                   -- answered(q), unknown(q), expired(q),
//!                                                   -- adjustment(), adjustment(id), at-least(n, e, ...)
//!          | operand ["==" | "!=" | "<" | "<=" | ">" | ">=" operand]
//!          | operand "in" set | operand "not" "in" set
//!          | name "has" ("any" | "all" | "none") set | name "has" name
//! operand := name | integer | "rank" "(" name ")" | "count" "(" name ")"
//! set     := "[" name ("," name)* "]" | "practices" "(" harm-class ("," harm-class)* ")"
//! name    := [A-Za-z_][A-Za-z0-9_-]*
//! ```
//!
//! A bare name is a yes/no question. What a name means (a question, a choice, a scale level) is
//! decided by the checker in `kader-rules`, which knows the framework's questions. Evaluation uses
//! three-valued logic: an unanswered question makes a condition *unknown* unless the other answers
//! already settle it.

use crate::framework::HarmClass;
use std::fmt;

/// Deepest nesting of parentheses and `not` the parser accepts; deeper input is an error, so no
/// input can exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// A condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `true` or `false`.
    Const(bool),
    /// A yes/no question used as a condition.
    Truthy(Name),
    /// `not e`.
    Not(Box<Expr>),
    /// `a and b and ...`.
    And(Vec<Expr>),
    /// `a or b or ...`.
    Or(Vec<Expr>),
    /// `at-least(n, a, b, ...)`: at least `n` of the conditions hold.
    AtLeast(u32, Vec<Expr>),
    /// `left op right`.
    Compare {
        /// Left side.
        left: Operand,
        /// Operator.
        op: CmpOp,
        /// Right side.
        right: Operand,
    },
    /// `q in [a, b]` (or `not in`): a choice answer is one of the set.
    In {
        /// The question.
        question: Name,
        /// The set.
        set: SetExpr,
        /// `not in`.
        negated: bool,
    },
    /// `q has any|all|none set`: a multi answer against a set.
    Has {
        /// The multi question.
        question: Name,
        /// Quantifier.
        quant: Quantifier,
        /// The set.
        set: SetExpr,
    },
    /// `answered(q)`.
    Answered(Name),
    /// `expired(q)`: a scale answer whose validity has run out.
    Expired(Name),
    /// `adjustment()` (any reason holds) or `adjustment(id)`.
    Adjustment(Option<Name>),
}

/// A name in an expression, with its byte offset in the source string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name.
    pub id: String,
    /// Byte offset of its first character in the expression.
    pub offset: usize,
}

impl Name {
    /// A name at offset 0 (for building expressions in code).
    pub fn new(id: impl Into<String>) -> Name {
        Name {
            id: id.into(),
            offset: 0,
        }
    }
}

/// A comparison operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// An integer literal.
    Int(i64),
    /// A name: an int question, or a choice or level literal, decided by the checker.
    Name(Name),
    /// `rank(q)`: the (validity-adjusted) rank of a scale answer.
    Rank(Name),
    /// `count(q)`: the number of choices selected in a multi answer.
    Count(Name),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// Quantifier of `has`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    /// At least one of the set is selected.
    Any,
    /// All of the set are selected.
    All,
    /// None of the set is selected.
    None,
}

/// A set of ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetExpr {
    /// `[a, b, c]`.
    List(Vec<Name>),
    /// `practices(harmful, risk-of-harm)`: the ids of the practices of these harm classes.
    Practices(Vec<HarmClass>),
}

/// A syntax error in an expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at character {})", .offset + 1)]
pub struct ParseError {
    /// Byte offset in the expression where the problem is.
    pub offset: usize,
    /// What was expected and what was found.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Int(i64),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Op(CmpOp),
    End,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Name(n) => format!("`{n}`"),
        Tok::Int(i) => format!("`{i}`"),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::LBracket => "`[`".into(),
        Tok::RBracket => "`]`".into(),
        Tok::Comma => "`,`".into(),
        Tok::Op(op) => format!("`{}`", op.symbol()),
        Tok::End => "the end of the condition".into(),
    }
}

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => out.push((Tok::LParen, start)),
            b')' => out.push((Tok::RParen, start)),
            b'[' => out.push((Tok::LBracket, start)),
            b']' => out.push((Tok::RBracket, start)),
            b',' => out.push((Tok::Comma, start)),
            b'=' | b'!' | b'<' | b'>' => {
                let next = bytes.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    (b'=', Some(b'=')) => (CmpOp::Eq, 2),
                    (b'!', Some(b'=')) => (CmpOp::Ne, 2),
                    (b'<', Some(b'=')) => (CmpOp::Le, 2),
                    (b'>', Some(b'=')) => (CmpOp::Ge, 2),
                    (b'<', _) => (CmpOp::Lt, 1),
                    (b'>', _) => (CmpOp::Gt, 1),
                    (b'=', _) => {
                        return Err(ParseError {
                            offset: start,
                            message: "expected `==` to compare, found a single `=`".into(),
                        });
                    }
                    _ => {
                        return Err(ParseError {
                            offset: start,
                            message: "expected `!=`, found `!`; write `not` to negate".into(),
                        });
                    }
                };
                out.push((Tok::Op(op), start));
                i += len;
                continue;
            }
            b'0'..=b'9' | b'-' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                let text = &src[i..j];
                let value = text.parse::<i64>().map_err(|_| ParseError {
                    offset: start,
                    message: format!("expected a whole number, found `{text}`"),
                })?;
                out.push((Tok::Int(value), start));
                i = j;
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b'_') {
                    j += 1;
                }
                out.push((Tok::Name(src[i..j].to_owned()), start));
                i = j;
                continue;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('?');
                return Err(ParseError {
                    offset: start,
                    message: format!("unexpected character `{ch}`"),
                });
            }
        }
        i += 1;
    }
    out.push((Tok::End, src.len()));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
}

const KEYWORDS: [&str; 9] = ["and", "or", "not", "in", "has", "true", "false", "any", "all"];

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }
    fn offset(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].1
    }
    fn bump(&mut self) -> (Tok, usize) {
        let t = self.toks[self.pos.min(self.toks.len() - 1)].clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == w)
    }
    fn err<T>(&self, expected: &str) -> Result<T, ParseError> {
        Err(ParseError {
            offset: self.offset(),
            message: format!("expected {expected}, found {}", describe(self.peek())),
        })
    }
    fn expect(&mut self, tok: Tok, what: &str) -> Result<(), ParseError> {
        if *self.peek() == tok {
            self.bump();
            Ok(())
        } else {
            self.err(what)
        }
    }
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                offset: self.offset(),
                message: format!("the condition is nested more than {MAX_DEPTH} levels deep"),
            });
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut items = vec![self.and()?];
        while self.is_word("or") {
            self.bump();
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut items = vec![self.unary()?];
        while self.is_word("and") {
            self.bump();
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.is_word("not") {
            self.bump();
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.atom()
    }

    fn name(&mut self, what: &str) -> Result<Name, ParseError> {
        match self.peek().clone() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                let (_, offset) = self.bump();
                Ok(Name { id: n, offset })
            }
            _ => self.err(what),
        }
    }

    fn call_arg(&mut self, what: &str) -> Result<Name, ParseError> {
        self.expect(Tok::LParen, "`(`")?;
        let n = self.name(what)?;
        self.expect(Tok::RParen, "`)`")?;
        Ok(n)
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        match self.peek().clone() {
            Tok::LParen => {
                self.bump();
                self.enter()?;
                let e = self.or()?;
                self.depth -= 1;
                self.expect(Tok::RParen, "`)` to close `(`")?;
                Ok(e)
            }
            Tok::Name(n) if n == "true" || n == "false" => {
                self.bump();
                Ok(Expr::Const(n == "true"))
            }
            Tok::Name(n) if n == "answered" || n == "unknown" => {
                self.bump();
                let q = self.call_arg("a question id")?;
                Ok(if n == "answered" {
                    Expr::Answered(q)
                } else {
                    Expr::Not(Box::new(Expr::Answered(q)))
                })
            }
            Tok::Name(n) if n == "expired" => {
                self.bump();
                Ok(Expr::Expired(self.call_arg("a question id")?))
            }
            Tok::Name(n) if n == "adjustment" && self.toks.get(self.pos + 1).map(|t| &t.0) == Some(&Tok::LParen) => {
                self.bump();
                self.bump();
                if *self.peek() == Tok::RParen {
                    self.bump();
                    return Ok(Expr::Adjustment(None));
                }
                let id = self.name("an adjustment reason id or `)`")?;
                self.expect(Tok::RParen, "`)`")?;
                Ok(Expr::Adjustment(Some(id)))
            }
            Tok::Name(n) if n == "at-least" => {
                self.bump();
                self.expect(Tok::LParen, "`(`")?;
                let n = match self.bump() {
                    (Tok::Int(i), _) if (0..=i64::from(u32::MAX)).contains(&i) => i as u32,
                    (t, offset) => {
                        return Err(ParseError {
                            offset,
                            message: format!("expected a count (a whole number ≥ 0), found {}", describe(&t)),
                        });
                    }
                };
                self.enter()?;
                let mut items = Vec::new();
                while *self.peek() == Tok::Comma {
                    self.bump();
                    items.push(self.or()?);
                }
                self.depth -= 1;
                if items.is_empty() {
                    return self.err("`,` and at least one condition");
                }
                self.expect(Tok::RParen, "`,` or `)`")?;
                Ok(Expr::AtLeast(n, items))
            }
            _ => self.comparison(),
        }
    }

    fn operand(&mut self) -> Result<Operand, ParseError> {
        match self.peek().clone() {
            Tok::Int(i) => {
                self.bump();
                Ok(Operand::Int(i))
            }
            Tok::Name(n)
                if (n == "rank" || n == "count") && self.toks.get(self.pos + 1).map(|t| &t.0) == Some(&Tok::LParen) =>
            {
                self.bump();
                let q = self.call_arg("a question id")?;
                Ok(if n == "rank" {
                    Operand::Rank(q)
                } else {
                    Operand::Count(q)
                })
            }
            Tok::Name(_) => Ok(Operand::Name(self.name("a question id, a value or `(`")?)),
            _ => self.err("a condition"),
        }
    }

    fn set(&mut self) -> Result<SetExpr, ParseError> {
        if self.is_word("practices") {
            self.bump();
            self.expect(Tok::LParen, "`(`")?;
            let mut classes = Vec::new();
            loop {
                let (tok, offset) = self.bump();
                let class = match &tok {
                    Tok::Name(n) => HarmClass::from_id(n),
                    _ => None,
                };
                match class {
                    Some(c) => classes.push(c),
                    None => {
                        return Err(ParseError {
                            offset,
                            message: format!(
                                "expected a harm class (harmful, risk-of-harm, ineffective, unproven), found {}",
                                describe(&tok)
                            ),
                        });
                    }
                }
                match self.bump() {
                    (Tok::Comma, _) => continue,
                    (Tok::RParen, _) => break,
                    (t, offset) => {
                        return Err(ParseError {
                            offset,
                            message: format!("expected `,` or `)`, found {}", describe(&t)),
                        });
                    }
                }
            }
            return Ok(SetExpr::Practices(classes));
        }
        self.expect(Tok::LBracket, "`[` to start a list, or `practices(...)`")?;
        let mut items = Vec::new();
        if *self.peek() == Tok::RBracket {
            return self.err("at least one id in the list");
        }
        loop {
            items.push(self.name("an id")?);
            match self.bump() {
                (Tok::Comma, _) => continue,
                (Tok::RBracket, _) => break,
                (t, offset) => {
                    return Err(ParseError {
                        offset,
                        message: format!("expected `,` or `]`, found {}", describe(&t)),
                    });
                }
            }
        }
        Ok(SetExpr::List(items))
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let left = self.operand()?;
        match self.peek().clone() {
            Tok::Op(op) => {
                self.bump();
                let right = self.operand()?;
                Ok(Expr::Compare { left, op, right })
            }
            Tok::Name(w)
                if w == "in"
                    || w == "not" && self.toks.get(self.pos + 1).map(|t| &t.0) == Some(&Tok::Name("in".into())) =>
            {
                let negated = w == "not";
                self.bump();
                if negated {
                    self.bump();
                }
                let Operand::Name(question) = left else {
                    return self.err("a question id before `in`");
                };
                let set = self.set()?;
                Ok(Expr::In { question, set, negated })
            }
            Tok::Name(w) if w == "has" => {
                self.bump();
                let Operand::Name(question) = left else {
                    return self.err("a question id before `has`");
                };
                let quant = if self.is_word("any") {
                    Quantifier::Any
                } else if self.is_word("all") {
                    Quantifier::All
                } else if self.is_word("none")
                    && matches!(
                        self.toks.get(self.pos + 1).map(|t| &t.0),
                        Some(Tok::LBracket) | Some(Tok::Name(_))
                    )
                {
                    Quantifier::None
                } else {
                    let one = self.name("`any`, `all`, `none` or a choice id")?;
                    return Ok(Expr::Has {
                        question,
                        quant: Quantifier::Any,
                        set: SetExpr::List(vec![one]),
                    });
                };
                self.bump();
                let set = self.set()?;
                Ok(Expr::Has { question, quant, set })
            }
            _ => match left {
                Operand::Name(n) => Ok(Expr::Truthy(n)),
                Operand::Int(_) => self.err("a comparison operator after a number"),
                Operand::Rank(_) | Operand::Count(_) => self.err("a comparison operator"),
            },
        }
    }
}

impl Expr {
    /// Parses a condition.
    pub fn parse(src: &str) -> Result<Expr, ParseError> {
        if src.trim().is_empty() {
            return Err(ParseError {
                offset: 0,
                message: "expected a condition, found nothing".into(),
            });
        }
        let toks = lex(src)?;
        let mut p = Parser { toks, pos: 0, depth: 0 };
        let e = p.or()?;
        if *p.peek() != Tok::End {
            return p.err("`and`, `or` or the end of the condition");
        }
        Ok(e)
    }

    /// Visits every name the expression uses, with the role it plays.
    pub fn visit_names<'a>(&'a self, f: &mut dyn FnMut(&'a Name, NameRole)) {
        match self {
            Expr::Const(_) => {}
            Expr::Truthy(n) | Expr::Answered(n) | Expr::Expired(n) => f(n, NameRole::Question),
            Expr::Not(e) => e.visit_names(f),
            Expr::And(v) | Expr::Or(v) | Expr::AtLeast(_, v) => v.iter().for_each(|e| e.visit_names(f)),
            Expr::Compare { left, right, .. } => {
                for o in [left, right] {
                    match o {
                        Operand::Int(_) => {}
                        Operand::Name(n) => f(n, NameRole::Operand),
                        Operand::Rank(n) | Operand::Count(n) => f(n, NameRole::Question),
                    }
                }
            }
            Expr::In { question, set, .. } | Expr::Has { question, set, .. } => {
                f(question, NameRole::Question);
                if let SetExpr::List(items) = set {
                    items.iter().for_each(|n| f(n, NameRole::Value));
                }
            }
            Expr::Adjustment(Some(n)) => f(n, NameRole::Adjustment),
            Expr::Adjustment(None) => {}
        }
    }
}

/// The role a name plays in an expression (see [`Expr::visit_names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRole {
    /// Must be a question id.
    Question,
    /// A comparison operand: a question, or a value of the question on the other side.
    Operand,
    /// A value (choice id) in a set.
    Value,
    /// An adjustment reason id.
    Adjustment,
}

fn fmt_list(f: &mut fmt::Formatter<'_>, items: &[Expr], sep: &str, parent: u8) -> fmt::Result {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            write!(f, " {sep} ")?;
        }
        fmt_prec(e, f, parent)?;
    }
    Ok(())
}

fn prec(e: &Expr) -> u8 {
    match e {
        Expr::Or(_) => 1,
        Expr::And(_) => 2,
        _ => 3,
    }
}

fn fmt_prec(e: &Expr, f: &mut fmt::Formatter<'_>, parent: u8) -> fmt::Result {
    if prec(e) <= parent && prec(e) < 3 {
        write!(f, "(")?;
        fmt::Display::fmt(e, f)?;
        write!(f, ")")
    } else {
        fmt::Display::fmt(e, f)
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Int(i) => write!(f, "{i}"),
            Operand::Name(n) => f.write_str(&n.id),
            Operand::Rank(n) => write!(f, "rank({})", n.id),
            Operand::Count(n) => write!(f, "count({})", n.id),
        }
    }
}

impl fmt::Display for SetExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetExpr::List(items) => {
                let ids: Vec<&str> = items.iter().map(|n| n.id.as_str()).collect();
                write!(f, "[{}]", ids.join(", "))
            }
            SetExpr::Practices(classes) => {
                let ids: Vec<&str> = classes.iter().map(|c| c.id()).collect();
                write!(f, "practices({})", ids.join(", "))
            }
        }
    }
}

impl fmt::Display for Expr {
    /// Prints the condition in canonical form; parsing the output gives the same tree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Const(b) => write!(f, "{b}"),
            Expr::Truthy(n) => f.write_str(&n.id),
            Expr::Not(e) => match &**e {
                Expr::Answered(n) => write!(f, "unknown({})", n.id),
                inner => {
                    write!(f, "not ")?;
                    fmt_prec(inner, f, 2)
                }
            },
            Expr::And(v) => fmt_list(f, v, "and", 2),
            Expr::Or(v) => fmt_list(f, v, "or", 1),
            Expr::AtLeast(n, v) => {
                write!(f, "at-least({n}")?;
                for e in v {
                    write!(f, ", {e}")?;
                }
                write!(f, ")")
            }
            Expr::Compare { left, op, right } => write!(f, "{left} {} {right}", op.symbol()),
            Expr::In { question, set, negated } => {
                write!(f, "{} {}in {set}", question.id, if *negated { "not " } else { "" })
            }
            Expr::Has { question, quant, set } => {
                let q = match quant {
                    Quantifier::Any => "any",
                    Quantifier::All => "all",
                    Quantifier::None => "none",
                };
                write!(f, "{} has {q} {set}", question.id)
            }
            Expr::Answered(n) => write!(f, "answered({})", n.id),
            Expr::Expired(n) => write!(f, "expired({})", n.id),
            Expr::Adjustment(None) => write!(f, "adjustment()"),
            Expr::Adjustment(Some(n)) => write!(f, "adjustment({})", n.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(src: &str) -> String {
        let e = Expr::parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let printed = e.to_string();
        let again = Expr::parse(&printed).unwrap();
        assert_eq!(strip(&e), strip(&again), "{src} -> {printed}");
        printed
    }

    /// Offsets differ after reprinting; compare structure only.
    fn strip(e: &Expr) -> String {
        format!("{e}")
    }

    #[test]
    fn parses_the_shapes_the_framework_uses() {
        assert_eq!(
            roundtrip("not crime-prevention-aim or age-max < 8 or age-min > 27"),
            "not crime-prevention-aim or age-max < 8 or age-min > 27"
        );
        assert_eq!(
            roundtrip("components has any practices(harmful)"),
            "components has any practices(harmful)"
        );
        assert_eq!(
            roundtrip("rank(recognition-level) >= good-indications and not expired(recognition-level)"),
            "rank(recognition-level) >= good-indications and not expired(recognition-level)"
        );
        assert_eq!(roundtrip("(a or b) and c"), "(a or b) and c");
        assert_eq!(roundtrip("a or b and c"), "a or b and c");
        assert_eq!(roundtrip("not (a and b)"), "not (a and b)");
        assert_eq!(roundtrip("x not in [p, q]"), "x not in [p, q]");
        assert_eq!(roundtrip("m has d"), "m has any [d]");
        assert_eq!(roundtrip("m has none [d, e]"), "m has none [d, e]");
        assert_eq!(roundtrip("at-least(2, a, b or c, d)"), "at-least(2, a, b or c, d)");
        assert_eq!(
            roundtrip("unknown(q) or adjustment() or adjustment(r)"),
            "unknown(q) or adjustment() or adjustment(r)"
        );
        assert_eq!(roundtrip("count(risk-domains) >= -1"), "count(risk-domains) >= -1");
    }

    #[test]
    fn errors_name_position_expected_and_found() {
        let e = Expr::parse("age-max = 8").unwrap_err();
        assert_eq!(e.offset, 8);
        assert!(e.message.contains("`==`"), "{e}");
        let e = Expr::parse("a and").unwrap_err();
        assert_eq!(e.message, "expected a condition, found the end of the condition");
        let e = Expr::parse("(a or b").unwrap_err();
        assert!(e.message.contains("`)`"), "{e}");
        let e = Expr::parse("x has any practices(evil)").unwrap_err();
        assert!(e.message.contains("harm class"), "{e}");
        assert!(Expr::parse("").is_err());
        assert!(Expr::parse("a b").is_err());
        assert!(Expr::parse("é").is_err());
        assert!(Expr::parse("99999999999999999999 > a").is_err());
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}a{}", "(".repeat(500), ")".repeat(500));
        let e = Expr::parse(&deep).unwrap_err();
        assert!(e.message.contains("nested"), "{e}");
        let nots = format!("{}a", "not ".repeat(500));
        assert!(Expr::parse(&nots).is_err());
    }
}
