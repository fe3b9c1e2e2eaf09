import tensorflow as tf

registry = {"a": 1}


def make_list():
    return []


def fill_own(x):
    items = make_list()  # allocated by a callee: still this function's own list
    items.append(x)
    return tf.add(x, 1.0)


def drop(key, x):
    del registry[key]
    return tf.add(x, 1.0)


def main():
    fill_own(tf.constant(1.0))
    drop("a", tf.constant(2.0))
