# -*- coding: utf-8 -*-
def f(x):
    return x  # é


def g(x):
    return x
