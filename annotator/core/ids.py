"""Typed ids, so a document id is never passed where a code id is wanted."""

from typing import NewType

DocumentId = NewType("DocumentId", int)
SpeakerTurnId = NewType("SpeakerTurnId", int)
ParticipantId = NewType("ParticipantId", int)
AttributeId = NewType("AttributeId", int)
CodeId = NewType("CodeId", int)
CodingId = NewType("CodingId", int)
MemoId = NewType("MemoId", int)
CoderId = NewType("CoderId", int)
