"""``factionmap_event_typer``: the learned event-type model over the rule coder's output.

Runs after ``factionmap_events`` on sentences with a candidate (an actor
mention and a verb or noun).  For each candidate predicate the model
(:mod:`factionmap.events.typemodel`) gives a probability per PLOVER type; then

- each coder event becomes a *proposal* of its own type and, where the model
  prefers another type at the trigger, a proposal of that type (a retyping);
- each candidate whose most likely type is one the sentence has no event of
  becomes a proposal of an added event, its source and target chosen among the
  sentence's actor mentions by dependency role (subject/agent → source,
  object/prepositional object → target), its flags read from the parse.

One confidence model (a logistic regression over :func:`confidence_features`,
fitted on the corpus by :mod:`factionmap.training`) scores every proposal; a
coder event is kept under its best-scoring type, retyped, or dropped when no
proposal reaches the threshold fitted with it; added events must reach it too.
Every emitted event carries the model's confidence (``--min-confidence``
filters on it) and its evidence (sentence, trigger span).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.util import minibatch
from spacy.tokens import Doc, Span, Token

from factionmap.datafiles import DataFileError, read_rows
from factionmap.events.arguments import held_by_condition
from factionmap.events.typemodel import NONE, EventTypeModel
from factionmap.model import Event, TextSpan
from factionmap.nlp import guarded

__all__ = [
    "CUE_KINDS",
    "Cues",
    "Candidate",
    "CoderEvent",
    "EventTyper",
    "Proposal",
    "SentenceView",
    "TyperOptions",
    "candidate_tokens",
    "confidence_features",
    "load_cues",
    "make_event_typer",
    "propose",
    "role_actors",
    "sentence_view",
]

CUE_KINDS = frozenset({"negator", "future", "hedge", "speech", "stative", "patient", "custody"})
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
SOURCE_DEPS = frozenset({"nsubj", "csubj"})
TARGET_DEPS = frozenset({"dobj", "dative", "nsubjpass", "attr", "oprd"})
TARGET_PREPS = frozenset({"on", "against", "at", "to", "with", "into", "in", "upon", "over", "toward", "towards", "from", "for"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_NAMING_DEPS = MODIFIER_DEPS | {"appos"}  # a noun's children that can name the actor it refers to
_PARTY_PREPS = frozenset({"between", "among"})  # an event noun's prepositions naming its parties ("talks between A and B")
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
#: A coder event is kept while the confidence model gives it at least this chance; under it the model
#: "confidently contradicts" it (retyped when another type reaches the threshold, else dropped).
KEEP_FLOOR = 0.1
#: An event the model adds beside coder events it keeps needs this confidence (beside none: the
#: fitted threshold).
ADD_BESIDE = 0.7


@dataclass(frozen=True)
class Cues:
    """Cue words by kind (lemmas or lower-case words), read from ``typer_cues.tsv``."""

    negator: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    hedge: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    stative: frozenset[str] = frozenset()
    patient: frozenset[str] = frozenset()
    custody: frozenset[str] = frozenset()


def load_cues(files: Sequence[str] = ()) -> Cues:
    """The bundled cue file extended by ``files`` (same ``kind<TAB>word`` shape)."""
    words: dict[str, set[str]] = {kind: set() for kind in CUE_KINDS}
    for path in (None, *files):
        for name, number, cols in read_rows(path, "typer_cues.tsv"):
            if len(cols) < 2 or cols[0] not in CUE_KINDS or not cols[1]:
                raise DataFileError(f"{name}:{number}: expected 'kind<TAB>word' with kind in {sorted(CUE_KINDS)}")
            words[cols[0]].add(cols[1].lower())
    return Cues(**{kind: frozenset(values) for kind, values in words.items()})


@dataclass(frozen=True)
class TyperOptions:
    """How the typer runs: model directory (None: bundled), encoder threads, batch size, and
    ``overlap``: in ``pipe``, encode a batch in a worker thread while the next one is parsed."""

    model_dir: str | None = None
    threads: int = 1
    batch_size: int = 32
    cue_files: tuple[str, ...] = ()
    overlap: bool = True


# ---------------------------------------------------------------- sentence views
@dataclass(frozen=True)
class Candidate:
    """A candidate predicate: token index, character span (Doc offsets), whether roles were found, and
    the candidates (indices into ``SentenceView.candidates``) heading the clausal complements it
    governs ("hoped" → "sign" in "hoped to sign")."""

    i: int
    start: int
    end: int
    has_source: bool
    has_target: bool
    governs: tuple[int, ...] = ()


@dataclass(frozen=True)
class CoderEvent:
    """What the confidence model sees of a rule-coder event; ``index`` into the sentence's events."""

    index: int
    type: str
    candidate: int  # index into SentenceView.candidates
    confidence: float
    has_source: bool
    has_target: bool


@dataclass(frozen=True)
class SentenceView:
    """A sentence as the model and the confidence model see it (plain data, no Doc)."""

    text: str
    offset: int
    candidates: tuple[Candidate, ...]
    coder: tuple[CoderEvent, ...]

    def spans(self) -> list[tuple[int, int]]:
        return [(c.start - self.offset, c.end - self.offset) for c in self.candidates]


@dataclass(frozen=True)
class Proposal:
    """A possible event: type, trigger candidate, the coder event it comes from (None: added)."""

    type: str
    candidate: int
    coder: int | None
    features: np.ndarray = field(repr=False)


def _in_mention(token: Token) -> bool:
    ext = token._  # one extension accessor per token (each ``token._`` builds one)
    return bool(ext.fm_actor or ext.fm_group)


def candidate_tokens(sent: Span) -> list[Token]:
    """Verbs and nouns of the sentence outside actor mentions."""
    return [t for t in sent if t.pos_ in CANDIDATE_POS and t.is_alpha and len(t) > 1 and not _in_mention(t)]


def sentence_view(sent: Span, events: Sequence[Event]) -> SentenceView | None:
    """The view of ``sent`` with its coder ``events``; None when it has no candidate."""
    if not any(_in_mention(t) for t in sent):
        return None
    tokens = {t.i: t for t in candidate_tokens(sent)}
    anchors = [_trigger_token(sent, e) for e in events]
    for token in anchors:
        if token is not None:
            tokens.setdefault(token.i, token)
    if not tokens:
        return None
    ordered = sorted(tokens)
    position = {i: n for n, i in enumerate(ordered)}
    candidates = []
    doc = sent.doc
    for i in ordered:
        token = doc[i]
        source, target = role_actors(token)
        governs = tuple(position[c.i] for c in token.children if c.dep_ in COMPLEMENT_DEPS and c.i in position)
        candidates.append(Candidate(i, token.idx, token.idx + len(token), bool(source), bool(target), governs))
    coder = tuple(
        CoderEvent(n, e.type, position[a.i], e.confidence, bool(e.source), bool(e.target))
        for n, (e, a) in enumerate(zip(events, anchors)) if a is not None
    )
    return SentenceView(sent.text, sent.start_char, tuple(candidates), coder)


def _trigger_token(sent: Span, event: Event) -> Token | None:
    inside = [t for t in sent if t.idx < event.trigger.end and t.idx + len(t) > event.trigger.start]
    if not inside:
        return None
    preferred = [t for t in inside if t.pos_ in CANDIDATE_POS]
    return (preferred or inside)[0]


# ---------------------------------------------------------------- proposals
def confidence_features(p_token: float, p_sentence: float, p_none: float, rule: bool,
                        coder_confidence: float, has_source: bool, has_target: bool, retype: bool) -> np.ndarray:
    """The confidence model's inputs for one proposal (bias first)."""
    logit = lambda p: float(np.log(max(p, 1e-4) / max(1 - p, 1e-4)))  # noqa: E731
    return np.array([1.0, logit(p_token), logit(p_sentence), logit(p_none), float(rule),
                     float(rule) * coder_confidence, float(has_source), float(has_target), float(retype)])


def propose(view: SentenceView, probs: np.ndarray, classes: Sequence[str], min_probability: float = 0.1) -> list[Proposal]:
    """Every proposal of a sentence from the model's ``probs`` ([candidates, classes])."""
    col = {c: n for n, c in enumerate(classes)}
    none = col[NONE]
    best_of_type = probs.max(axis=0) if len(probs) else np.zeros(len(classes))
    out: list[Proposal] = []
    coder_types = {e.type for e in view.coder}
    for event in view.coder:
        row = probs[event.candidate]
        cand = view.candidates[event.candidate]
        out.append(Proposal(event.type, event.candidate, event.index, confidence_features(
            row[col[event.type]], best_of_type[col[event.type]], row[none], True, event.confidence,
            event.has_source, event.has_target, False)))
        top = _top_type(row, classes, none)
        if top is not None and top != event.type and row[col[top]] >= min_probability:
            out.append(Proposal(top, event.candidate, event.index, confidence_features(
                row[col[top]], best_of_type[col[top]], row[none], False, event.confidence,
                event.has_source, event.has_target, True)))
    best: dict[str, tuple[float, int]] = {}
    triggers = {e.candidate for e in view.coder}
    for n, row in enumerate(probs):
        top = _top_type(row, classes, none)
        cand = view.candidates[n]
        if n in triggers or top is None or top in coder_types or row[col[top]] < min_probability:
            continue
        if not (cand.has_source or cand.has_target):
            continue  # an event without actors cannot enter the map
        if _echoes(cand, top, probs, classes, none, triggers):
            continue
        if top not in best or row[col[top]] > best[top][0]:
            best[top] = (float(row[col[top]]), n)
    for etype, (p, n) in best.items():
        cand = view.candidates[n]
        out.append(Proposal(etype, n, None, confidence_features(
            p, best_of_type[col[etype]], probs[n, none], False, 0.0, cand.has_source, cand.has_target, False)))
    return out


def _echoes(cand: Candidate, top: str, probs: np.ndarray, classes: Sequence[str], none: int,
            triggers: set[int]) -> bool:
    """Whether ``cand`` only echoes a complement it governs: its type is the model's type at a coder
    trigger heading that complement ("Kenya hoped to sign a pact": "hoped" reads as the signing)."""
    return any(m in triggers and _top_type(probs[m], classes, none) == top for m in cand.governs)


def _top_type(row: np.ndarray, classes: Sequence[str], none: int) -> str | None:
    masked = row.copy()
    masked[none] = -1.0
    return classes[int(masked.argmax())] if len(masked) > 1 else None


def score(proposals: Sequence[Proposal], weights: np.ndarray) -> np.ndarray:
    """The confidence model: P(the proposal's type is stated) for each proposal."""
    if not proposals:
        return np.zeros(0)
    x = np.stack([p.features for p in proposals]) @ weights
    return 1.0 / (1.0 + np.exp(-x))


def decide(proposals: Sequence[Proposal], scores: np.ndarray, threshold: float,
           keep_floor: float = KEEP_FLOOR, add_beside: float = ADD_BESIDE) -> list[tuple[Proposal, float]]:
    """The events to emit, with their confidence.

    A coder event keeps its type, re-scored, unless the model confidently
    contradicts it (its score under ``keep_floor``): then it is retyped to a
    type scoring ``threshold`` or more, else dropped.  The model's own
    proposals (one per type the sentence keeps no event of) are added when they
    score ``threshold`` in a sentence that keeps no coder event, and
    ``add_beside`` beside kept coder events: the coder missed them.
    """
    own: dict[int, tuple[Proposal, float]] = {}
    retype: dict[int, tuple[Proposal, float]] = {}
    added: dict[str, tuple[Proposal, float]] = {}
    for proposal, value in zip(proposals, (float(v) for v in scores)):
        if proposal.coder is None:
            if value >= threshold and (proposal.type not in added or value > added[proposal.type][1]):
                added[proposal.type] = (proposal, value)
        elif proposal.features[4]:  # the coder's own type
            own[proposal.coder] = (proposal, value)
        elif proposal.coder not in retype or value > retype[proposal.coder][1]:
            retype[proposal.coder] = (proposal, value)
    chosen = []
    for index, (proposal, value) in own.items():
        other = retype.get(index)
        if value >= keep_floor:
            chosen.append((proposal, value))
        elif other is not None and other[1] >= threshold:
            chosen.append(other)
    kept = {p.type for p, _ in chosen}
    bar = add_beside if chosen else threshold
    return chosen + [(p, v) for etype, (p, v) in added.items() if etype not in kept and v >= bar]


# ---------------------------------------------------------------- roles and flags
def _actors(token: Token) -> list[str]:
    """Actor ids a noun phrase head refers to (its own mention, a modifier's, conjuncts')."""
    out: list[str] = []
    heads = [token, *[c for c in token.children if c.dep_ == "conj"]]
    for head in heads:
        ext = head._
        actor = ext.fm_actor
        ids = list(ext.fm_group) or ([actor] if actor else [])
        if not ids:
            for child in head.children:
                dep = child.dep_
                if dep in _NAMING_DEPS:
                    ext = child._
                    group, actor = ext.fm_group, ext.fm_actor
                    if actor or group:
                        ids.extend(group or (actor,))
                elif dep == "prep" and (child.lower_ == "of" or child.lower_ in _PARTY_PREPS):
                    ids.extend(a for g in child.children if g.dep_ == "pobj" for a in _actors(g))
        out.extend(i for i in ids if i not in out)
    return out


def _subject_actors(verb: Token, depth: int = 3) -> list[str]:
    for child in verb.children:
        if child.dep_ in SOURCE_DEPS:
            return _actors(child)
        if child.dep_ == "agent":
            return [a for g in child.children if g.dep_ == "pobj" for a in _actors(g)]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _actors(verb.head)
    if depth and verb.dep_ in INHERIT_DEPS and verb.head != verb:
        return _subject_actors(verb.head, depth - 1)
    return []


def _prep_objects(token: Token, exclude: frozenset[str] = frozenset({"by"}), skip: frozenset[str] = frozenset()) -> list[str]:
    """Actors of the token's prepositional objects (``skip``: nouns, by lemma, that name no target)."""
    out: list[str] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.lower_ not in exclude:
            out.extend(a for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() not in skip for a in _actors(g))
    return out


def _of_host(noun: Token) -> Token:
    """The noun a noun hangs from by "of" or "in" ("a wave of strikes" → "wave", "a rise in
    grants" → "rise"), else the noun itself."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ("of", "in") and prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.head
    return noun


def role_actors(trigger: Token, stative: frozenset[str] = frozenset(), patient: frozenset[str] = frozenset(),
                custody: frozenset[str] = frozenset(), stance: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(source ids, target ids) of a predicate by dependency role.  A passive participle in
    ``stative`` ("Vietnam is committed to …") has its surface subject as the doer, not the patient;
    a verb in ``patient`` ("died", "suffered") has its subject as the one harmed; a holder named by
    "in X's custody" / "in the custody of X" (a noun in ``custody``) is the doer, not a target.  An
    event noun takes the doer of the verb it is the object of ("imposed a package of sanctions"),
    unless that verb is in ``stance``: an act of its own about another's deed ("condemned the arrests")."""
    if trigger.lower_ in stative and trigger.dep_ == "acomp":  # parsed as an adjective of "is"
        source = _subject_actors(trigger.head)
        return source, [a for a in dict.fromkeys(_prep_objects(trigger)) if a not in source]
    holders = _custodians(trigger, custody) if custody else []
    if trigger.pos_ in ("VERB", "AUX"):
        doer = trigger.lower_ in stative and any(c.dep_ == "auxpass" for c in trigger.children)
        patient_deps = TARGET_DEPS - {"nsubjpass"} if doer else TARGET_DEPS
        source = [a for c in trigger.children if c.dep_ == "nsubjpass" for a in _actors(c)] if doer else []
        if trigger.lemma_.lower() in patient:  # "a prisoner died in police custody": the subject is harmed
            return _roles(holders, _subject_actors(trigger))
        source = source or _subject_actors(trigger) or holders
        target = [a for c in trigger.children if c.dep_ in patient_deps for a in _actors(c)]
        target += _prep_objects(trigger, skip=custody)
    else:
        source = [a for c in trigger.children if c.dep_ in MODIFIER_DEPS for a in _actors(c)]
        for child in trigger.children:
            if child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ in _PARTY_PREPS):  # parties: all doers
                source += [a for g in child.children if g.dep_ == "pobj" for a in _actors(g)]
        host = _of_host(trigger)  # "a package of sanctions": the package's verb names the doer
        if not source and host.dep_ in ("dobj", "attr", "nsubjpass") and host.head.pos_ == "VERB" \
                and host.head.lemma_.lower() not in stance:
            source = _subject_actors(host.head)
        source = source or holders
        target = _prep_objects(trigger, skip=custody)
        if not target:
            target = [a for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" for a in _actors(g)]
    return _roles(source, target)


def _roles(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    source = list(dict.fromkeys(source))
    return source, [a for a in dict.fromkeys(target) if a not in source]


def _custodians(trigger: Token, custody: frozenset[str], reach: int = 4) -> list[str]:
    """Actors holding the predicate's patient: "in Israeli police custody", "in the custody of X",
    "in Iranian detention", hanging from the predicate within ``reach`` dependency steps."""
    out: list[str] = []
    for token in trigger.subtree:
        if token.dep_ != "pobj" or token.lemma_.lower() not in custody or token.head.lower_ not in ("in", "under"):
            continue
        current, steps = token, 0
        while current != trigger and steps < reach and current.head != current:
            current, steps = current.head, steps + 1
        if current == trigger:
            out.extend(a for a in _actors(token) if a not in out)
    return out


def _governors(token: Token, limit: int = 4) -> list[Token]:
    chain, current = [], token
    while current.head != current and len(chain) < limit:
        current = current.head
        chain.append(current)
    return chain


def _complement_governors(token: Token, governors: list[Token]) -> list[Token]:
    """The governors ``token`` is (part of) the complement of: the climb stops at a subject link, since
    a verb negates what it governs, not its subject ("talks failed to reach a deal": the talks happened)."""
    out, child = [], token
    for governor in governors:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass"):
            break
        out.append(governor)
        child = governor
    return out


def flags(trigger: Token, cues: Cues) -> tuple[bool, bool, bool]:
    """(negated, hedged, hypothetical) of a predicate from its parse and the cue words."""
    governors = _governors(trigger)
    near = [trigger, *governors[:2]]
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for t in near for c in t.children)
    negated = negated or any(g.lemma_.lower() in cues.negator for g in _complement_governors(trigger, governors[:2]))
    hypothetical = any(c.dep_ in ("aux", "mark") and c.lower_ in cues.future for t in near for c in t.children)
    hypothetical = hypothetical or any(g.lemma_.lower() in cues.future for g in governors[:2])
    sentence_words = {t.lower_ for t in trigger.sent}
    hedged = bool(sentence_words & {w for w in cues.hedge if " " not in w} - {"claim", "accuse", "blame"})
    hedged = hedged or any(g.lemma_.lower() in cues.hedge for g in governors)
    return negated, hedged, hypothetical


def refuses(trigger: Token, cues: Cues) -> bool:
    """Whether the predicate itself says no ("refused", "rejected", "denied"): negating it negates
    the refusal ("did not reject the plan"), unlike a negated act ("will not end the strike")."""
    return trigger.lemma_.lower() in cues.negator


def asserted_by(trigger: Token, cues: Cues) -> str:
    """The actor id of the speaker whose words report the predicate, else ``author``."""
    for quote in trigger.doc._.fm_quotes or ():
        if quote.speaker and quote.start <= trigger.idx < quote.end:
            return quote.speaker
    for governor in _governors(trigger, 6):
        if governor.lemma_.lower() in cues.speech and governor.pos_ == "VERB":
            speakers = _subject_actors(governor, 0)
            if speakers:
                return speakers[0]
    return "author"


# ---------------------------------------------------------------- component
_Work = list[tuple[Doc, Span, list[Event], SentenceView]]
_Started = tuple[_Work, "_SharedPrediction", "Future[None]"]


class _SharedPrediction:
    """A batch's predictions in chunks that any thread may take: the worker thread from the start,
    the pipeline's thread as well once it needs them, so the last batch, which no parse overlaps,
    is encoded on two cores (each sentence is encoded alone: results do not depend on who ran it)."""

    def __init__(self, predict: Callable[[_Work], list[np.ndarray]], work: _Work, chunk: int = 8) -> None:
        self._predict = predict
        self._chunks = [work[i : i + chunk] for i in range(0, len(work), chunk)]
        self._results: list[list[np.ndarray]] = [[] for _ in self._chunks]
        self._taken = 0
        self._lock = threading.Lock()

    def run(self) -> None:
        """Predict chunks not yet taken until none is left."""
        while True:
            with self._lock:
                index, self._taken = self._taken, self._taken + 1
            if index >= len(self._chunks):
                return
            self._results[index] = self._predict(self._chunks[index])

    def results(self) -> list[np.ndarray]:
        return [probs for chunk in self._results for probs in chunk]


#: Types whose added events need a political doer when the sentence names a non-political cause.
VIOLENT_TYPES: frozenset[str] = frozenset({"ASSAULT", "COERCE"})


class EventTyper:
    """spaCy component: re-scores, retypes, drops and adds events with the learned model."""

    def __init__(self, options: TyperOptions | None = None) -> None:
        self.options = options or TyperOptions()
        self.model = EventTypeModel(Path(self.options.model_dir) if self.options.model_dir else None,
                                    self.options.threads, self.options.batch_size)
        self._cues: Cues | None = None
        self._stance: frozenset[str] | None = None
        self._refusal: frozenset[str] | None = None

    @property
    def stance_verbs(self) -> frozenset[str]:
        """Verbs that state an act of their own about the deed their object names ("condemned the
        arrests", "demanded the withdrawal"; cues.tsv ``stance``) or witness it ("documented the
        killings"; ``witness``): the deed's doer is not their subject."""
        from factionmap.events.lexicon import load_lexicon

        if self._stance is None:
            lexicon = load_lexicon()
            self._stance = lexicon.words("stance") | lexicon.witness
        return self._stance

    @property
    def refusal_types(self) -> frozenset[str]:
        """The types a refused act is coded as (``frames.tsv`` negation column: REJECT)."""
        from factionmap.events.lexicon import load_frames

        if self._refusal is None:
            self._refusal = frozenset(f.negation for f in load_frames().values() if f.negation)
        return self._refusal

    @property
    def cues(self) -> Cues:
        if self._cues is None:
            self._cues = load_cues(self.options.cue_files)
        return self._cues

    def __call__(self, doc: Doc) -> Doc:
        return self._process([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Docs in order, the model run once per batch; a batch that fails is redone Doc by Doc.

        With ``TyperOptions.overlap`` a batch's sentences are encoded in a worker thread while the
        pipeline parses the next batch (onnxruntime and the tokenizer release the GIL), so the
        encoder runs on a second core; when the results are needed, this thread encodes the chunks
        the worker has not reached (:class:`_SharedPrediction`). The results are those of running it
        in line.
        """
        size = max(batch_size, self.options.batch_size)
        if not self.options.overlap:
            for batch in minibatch(docs, size):
                yield from self._guarded_batch(batch)
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factionmap-typer") as pool:
            pending: tuple[list[Doc], _Started | None] | None = None
            for batch in minibatch(docs, size):
                started = self._start(batch, pool)
                if pending is not None:
                    yield from self._finish(*pending)
                pending = (batch, started)
            if pending is not None:
                yield from self._finish(*pending)

    def _start(self, batch: list[Doc], pool: ThreadPoolExecutor) -> _Started | None:
        """The batch's sentence views, their encoding submitted to ``pool``; None when reading fails."""
        try:
            work = self._prepare(batch)
            self.model.head  # noqa: B018 - loaded here, not raced for by two threads
            self.model.encoder.load()
            shared = _SharedPrediction(self._predict, work)
            return work, shared, pool.submit(shared.run)
        except Exception:  # noqa: BLE001 - _finish redoes the batch Doc by Doc
            return None

    def _finish(self, batch: list[Doc], started: _Started | None) -> list[Doc]:
        if started is not None:
            try:
                work, shared, future = started
                shared.run()  # take the chunks the worker has not reached
                future.result()
                return self._apply(batch, work, shared.results())
            except Exception:  # noqa: BLE001, S110 - redone Doc by Doc below
                pass
        return self._one_by_one(batch)

    def _guarded_batch(self, batch: list[Doc]) -> list[Doc]:
        try:
            return self._process(batch)
        except Exception:  # noqa: BLE001 - find the Doc that fails, keep the others
            return self._one_by_one(batch)

    def _one_by_one(self, batch: list[Doc]) -> list[Doc]:
        single = guarded("factionmap_event_typer", lambda d: self._process([d])[0])
        return [single(doc) for doc in batch]

    def _process(self, docs: list[Doc]) -> list[Doc]:
        work = self._prepare(docs)
        return self._apply(docs, work, self._predict(work))

    def _prepare(self, docs: list[Doc]) -> _Work:
        """Every sentence of ``docs`` with a candidate, as (doc, sentence, its events, view)."""
        work: list[tuple[Doc, Span, list[Event], SentenceView]] = []
        for doc in docs:
            events = list(doc._.fm_events or ())
            for sent in doc.sents:
                inside = [e for e in events if sent.start_char <= e.trigger.start < sent.end_char]
                view = sentence_view(sent, inside)
                if view is not None:
                    work.append((doc, sent, inside, view))
        return work

    def _predict(self, work: _Work) -> list[np.ndarray]:
        return self.model.predict([(view.text, view.spans()) for *_, view in work]) if work else []

    def _apply(self, docs: list[Doc], work: _Work, probs: Sequence[np.ndarray]) -> list[Doc]:
        """Each typed sentence's events replace the coder's events of that sentence."""
        replaced: dict[int, dict[int, list[Event]]] = {}
        spans: dict[int, list[tuple[int, int]]] = {}
        for (doc, sent, inside, view), p in zip(work, probs):
            replaced.setdefault(id(doc), {})[sent.start] = self._type_sentence(sent, inside, view, p)
            spans.setdefault(id(doc), []).append((sent.start_char, sent.end_char))
        for doc in docs:
            by_sent = replaced.get(id(doc), {})
            if not by_sent:
                continue
            typed = spans[id(doc)]
            kept = [e for e in doc._.fm_events or () if not any(start <= e.trigger.start < end for start, end in typed)]
            for events in by_sent.values():
                kept.extend(events)
            doc._.fm_events = sorted(kept, key=lambda e: (e.sentence.start, e.trigger.start))
        return docs

    def _type_sentence(self, sent: Span, events: list[Event], view: SentenceView, probs: np.ndarray) -> list[Event]:
        head = self.model.head
        proposals = propose(view, probs, head.classes, head.meta.get("min_probability", 0.1))
        chosen = decide(proposals, score(proposals, head.confidence), head.meta.get("threshold", 0.5),
                        head.meta.get("keep_floor", KEEP_FLOOR), head.meta.get("add_beside", ADD_BESIDE))
        coder_of = {c.index: events[c.index] for c in view.coder}
        out = []
        for proposal, value in chosen:
            if proposal.coder is not None:
                event = coder_of[proposal.coder]
                out.append(replace(event, type=proposal.type, confidence=round(value, 3),
                                   mode=event.mode if proposal.type == event.type else None))
            else:
                added = self._added(sent, view.candidates[proposal.candidate], proposal.type, value)
                if not self._nonpolitical(sent, added):
                    out.append(added)
        return out

    def _nonpolitical(self, sent: Span, event: Event) -> bool:
        """A violent event the model added with no doer, in a sentence naming a disaster, accident,
        illness or ordinary crime (the coder's cues.tsv ``nonpolitical-cause``): no political event."""
        if event.type not in VIOLENT_TYPES or event.source:
            return False
        from factionmap.events.lexicon import load_lexicon

        causes = load_lexicon().words("nonpolitical-cause")
        return any(t.lemma_.lower() in causes or t.lower_ in causes for t in sent)

    def _added(self, sent: Span, cand: Candidate, etype: str, value: float) -> Event:
        token = sent.doc[cand.i]
        cues = self.cues
        source, target = role_actors(token, cues.stative, cues.patient, cues.custody, self.stance_verbs)
        negated, hedged, hypothetical = flags(token, self.cues)
        if negated and etype in self.refusal_types and not refuses(token, cues):
            # the model read a negated act as the refusal it states ("will not end the strike
            # until ..."): the refusal happened, and is stated now unless a condition ("if") holds it
            negated, hypothetical = False, hypothetical and held_by_condition(token, cues.future)
        speaker = asserted_by(token, self.cues)
        return Event(
            type=etype, source=tuple(source), target=tuple(target), trigger=_stated_by(token, self.stance_verbs),
            sentence=TextSpan(sent.start_char, sent.end_char, sent.text),
            asserted_by=speaker, negated=negated, hedged=hedged or speaker != "author",
            hypothetical=hypothetical, confidence=round(value, 3),
        )


def _stated_by(token: Token, stance: frozenset[str] = frozenset()) -> TextSpan:
    """The trigger span of an event the model places on ``token``: a noun that is a verb's direct
    object is stated with its verb ("called off their strike", "launched an investigation"), so the
    evidence does not read as the noun's own event, unless the verb is in ``stance`` and states an
    event of its own ("condemned the arrests"); any other word alone."""
    start, end = token.idx, token.idx + len(token)
    head = token.head
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and head.pos_ == "VERB" and head.i < token.i \
            and head.lemma_.lower() not in stance:
        start = head.idx
    return TextSpan(start, end, token.doc.text[start:end])


def make_event_typer(
    nlp: Language, name: str, model_dir: str | None, threads: int, overlap: bool = True,
) -> Callable[[Doc], Doc]:
    """spaCy factory: the learned event typer (the model loads on the first Doc)."""
    return _Component(name, EventTyper(TyperOptions(model_dir=model_dir, threads=threads, overlap=overlap)))


class _Component:
    """The typer as spaCy sees it: ``__call__`` guarded, ``pipe`` batched (and guarded per batch)."""

    def __init__(self, name: str, typer: EventTyper) -> None:
        self.typer = typer
        self._call = guarded(name, lambda doc: typer._process([doc])[0])

    def __call__(self, doc: Doc) -> Doc:
        return self._call(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterable[Doc]:
        return self.typer.pipe(docs, batch_size)
