"""Template tags of the plans app."""
