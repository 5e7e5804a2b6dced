"""The trainer's board for a group game: the live negotiation table, rounds, figures, flags."""
