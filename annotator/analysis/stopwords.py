"""The English stop words left out of word frequencies by default: function words, contractions, and the fillers
and transcription marks of spoken interviews. A project keeps its own edited copy (see the analysis service)."""

from __future__ import annotations

_FUNCTION_WORDS = """
a about above after again against all am an and any are as at be because been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves also us may might must shall upon yet ever every either
neither much many lot lots get got gets getting go goes going gone went come came make made say said says thing
things really well even still though one two three back way ones something anything everything nothing someone
anyone everyone kind sort bit quite pretty maybe probably actually basically literally
"""

_CONTRACTIONS = """
i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll it's it'd it'll we're we've we'd
we'll they're they've they'd they'll that's that'd there's there'd here's what's who's where's how's let's isn't
aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot
couldn't mustn't mightn't needn't ain't y'know gonna wanna gotta kinda sorta
"""

_SPEECH = """
um umm uh uhh er erm ah oh ooh mm mmm mhm hmm hm huh yeah yep yup yes no nope okay ok like right so sure know mean
guess think laughs laughing laughter pause crosstalk inaudible unintelligible
"""

DEFAULT_STOP_WORDS: frozenset[str] = frozenset((_FUNCTION_WORDS + _CONTRACTIONS + _SPEECH).split())


def clean_stop_words(words) -> tuple[str, ...]:
    """A researcher's list as stored: lower case, one word each, sorted, no repeats."""
    out = set()
    for entry in words:
        for word in str(entry).replace(",", " ").split():
            word = word.strip().lower().replace("\u2019", "'")
            if word:
                out.add(word)
    return tuple(sorted(out))
