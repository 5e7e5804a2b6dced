"""The Textual app: home screen, filling screen, review, dialogs, one widget per question type."""
