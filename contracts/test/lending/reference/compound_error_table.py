#!/usr/bin/env python3
"""Prints README-model.md's table: the 3-term binomial's error against (1 + r)^dt, and its bound x^4/24 e^x.

Standard library only (decimal at 80 digits); also prints the exact ray values RateReference.t.sol checks.
"""
from decimal import Decimal, getcontext

getcontext().prec = 80
YEAR = 31_536_000
RAY = 10**27


def row(apr: Decimal, dt: int) -> str:
    r = apr / YEAR
    n = Decimal(dt)
    x = r * n
    exact = (1 + r) ** dt
    approx = 1 + n * r + n * (n - 1) / 2 * r**2 + n * (n - 1) * (n - 2) / 6 * r**3
    err = exact - approx
    bound = x**4 / 24 * x.exp()
    return f"| {apr:>6} | {dt:>8} s | {x:.4g} | {exact:.12g} | {err:.4g} | {err / exact:.4g} | {bound:.4g} |"


for apr in (Decimal("0.1"), Decimal(1), Decimal(10)):
    for dt in (3600, 86_400, YEAR):
        print(row(apr, dt))

for label, per_second, dt in (("10 %/y, 1 year", RAY // 10 // YEAR, YEAR), ("100 %/y, 1 day", RAY // YEAR, 86_400)):
    exact = (Decimal(RAY + per_second) / RAY) ** dt * RAY
    print(f"{label}: r = {per_second} wei/s, (1+r)^dt = {exact:.40f} ray")
