"""The app's screens: home, filling, review, error."""
