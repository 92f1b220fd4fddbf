// Job classes are registered here (see app/queue).
