#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# Licence header: no docstring, no imports.


def relu(x):
    return x * (x > 0)
