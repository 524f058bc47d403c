"""The officials' workspace: upload, background extraction, review, publish, history."""
