from tensorflow import function


def double(x):
    return x * 2


@function(jit_compile=True)
def halve(x):
    return x / 2
