# The window a feed covers, counted from today: what is still worth seeing behind, and far
# enough ahead for a whole contract year and the next.
WINDOW_PAST_DAYS = 90
WINDOW_FUTURE_DAYS = 730

# Bytes of randomness in a feed's secret (43 characters in the address).
SECRET_BYTES = 32
