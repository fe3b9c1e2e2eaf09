def first(x):
    return x