"""The validator's levels, one module each, named as in whosaid.contract.checks.LEVELS:
a check id's level (checks.CHECKS[id].level) names the module that implements it."""
