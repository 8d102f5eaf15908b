"""De-identification: detecting names, places and agencies, propagating confirmed ones, pseudonyms, applying them,
the separate key file and the residual scan. Standard library plus spaCy; no Qt, no storage."""
