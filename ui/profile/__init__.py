"""One client's profile: Opt-In, Hailee, what they receive, and their History."""
