"""The fictional sample transcripts, shipped inside the wheel for the demo project (see README.md here)."""
