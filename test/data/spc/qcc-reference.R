# Reference results of qcc 3.0 (L. Scrucca, https://github.com/luca-scr/qcc) for the SPC tests:
# statistics, centre, σ, control limits per point and the points each Western Electric and Nelson
# rule flags (qcc's qccRulesViolatingWER1..4 and qccRulesViolatingNEL1..8, one list per rule), for
# the primary chart and the R, S or moving-range chart of every case below. Output: JSON on stdout.
#
#   cd test/data/spc && Rscript qcc-reference.R QCC_R_DIR QCC_COMMIT > qcc-reference.json
#
# QCC_R_DIR is the R/ folder of a qcc source tree (its qcc.R, rules.R and utilities.R are sourced:
# the charts and rules need only base R, not the plotting packages qcc 3.0 depends on); with
# QCC_R_DIR = "installed" the installed package is used. QCC_COMMIT is recorded in the output.
# See README.md (this folder) for the provenance of the committed qcc-reference.json.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript qcc-reference.R QCC_R_DIR|installed QCC_COMMIT")
if (args[1] == "installed") {
  suppressPackageStartupMessages(library(qcc))
  qcc_version <- as.character(packageVersion("qcc"))
} else {
  for (f in c("qcc.R", "rules.R", "utilities.R")) source(file.path(args[1], f))
  desc <- read.dcf(file.path(args[1], "..", "DESCRIPTION"))
  qcc_version <- unname(desc[1, "Version"])
}

# --- the cases: input file (relative to this folder), twin chart kind and twin options ----------
cases <- list(
  list(id = "softwood-xbar-r", file = "softwood-chips.csv", chart = "xbar-r"),
  list(id = "softwood-xbar-r-phase1", file = "softwood-chips.csv", chart = "xbar-r", phase1 = c(1, 20)),
  list(id = "softwood-xbar-r-width2.5", file = "softwood-chips.csv", chart = "xbar-r", width = 2.5),
  list(id = "softwood-xbar-s", file = "softwood-chips.csv", chart = "xbar-s"),
  list(id = "unequal-xbar-r", file = "qcc/unequal-n.csv", chart = "xbar-r"),
  list(id = "unequal-xbar-s", file = "qcc/unequal-n.csv", chart = "xbar-s"),
  list(id = "p-chart-p", file = "p-chart.csv", chart = "p"),
  list(id = "p-chart-np", file = "p-chart.csv", chart = "np"),
  list(id = "u-defects-u", file = "qcc/u-defects.csv", chart = "u"),
  list(id = "c-defects-c", file = "qcc/c-defects.csv", chart = "c"),
  list(id = "rules-individuals-known", file = "qcc/rules-individuals.csv", chart = "imr", center = 0, stddev = 1),
  list(id = "rules-individuals-estimated", file = "qcc/rules-individuals.csv", chart = "imr"),
  list(id = "imr-values", file = "qcc/imr-values.csv", chart = "imr"),
  list(id = "imr-values-phase1", file = "qcc/imr-values.csv", chart = "imr", phase1 = c(1, 25))
)

rule_functions <- c(
  we1 = "qccRulesViolatingWER1", we2 = "qccRulesViolatingWER2", we3 = "qccRulesViolatingWER3",
  we4 = "qccRulesViolatingWER4", nelson1 = "qccRulesViolatingNEL1", nelson2 = "qccRulesViolatingNEL2",
  nelson3 = "qccRulesViolatingNEL3", nelson4 = "qccRulesViolatingNEL4", nelson5 = "qccRulesViolatingNEL5",
  nelson6 = "qccRulesViolatingNEL6", nelson7 = "qccRulesViolatingNEL7", nelson8 = "qccRulesViolatingNEL8")

# --- a small JSON writer (no package needed) ---------------------------------------------------
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
int_arr <- function(x) paste0("[", paste(format(x, scientific = FALSE, trim = TRUE), collapse = ", "), "]")
str <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
obj <- function(fields, indent) {
  pad <- strrep("  ", indent)
  inner <- paste0(pad, "  ", str(names(fields)), ": ", unlist(fields))
  paste0("{\n", paste(inner, collapse = ",\n"), "\n", pad, "}")
}
val <- function(x) if (length(x) == 1) num(x) else arr(x)

# --- one qcc object -> JSON --------------------------------------------------------------------
# `first` is the sample number of the object's first point (2 for a moving-range chart).
series_json <- function(q, first, indent) {
  stats <- c(q$statistics, q$newstats)
  m <- length(stats)
  lim <- q$limits
  if (nrow(lim) == 1) lim <- lim[rep(1, m), , drop = FALSE]
  rules <- lapply(rule_functions, function(f) {
    idx <- sort(unique(as.integer(do.call(f, list(q)))))
    int_arr(idx + first - 1)
  })
  names(rules) <- names(rule_functions)
  obj(list(
    type = str(q$type),
    samples = int_arr(seq(first, length.out = m)),
    sizes = arr(c(q$sizes, q$newsizes)),
    nsigmas = num(q$nsigmas),
    center = val(q$center),
    stdDev = val(q$std.dev),
    statistics = arr(stats),
    lcl = arr(lim[, 1]),
    ucl = arr(lim[, 2]),
    rules = obj(rules, indent + 1)
  ), indent)
}

# qcc() with phase I (data) and phase II (newdata) split as twin's --phase1 1:b does
fit <- function(data, type, phase1, extra) {
  data <- as.matrix(data)
  m <- nrow(data)
  b <- if (is.null(phase1)) m else phase1[2]
  a <- list(data = data[seq_len(b), , drop = FALSE], type = type)
  if (b < m) a$newdata <- data[(b + 1):m, , drop = FALSE]
  do.call(qcc, c(a, extra))
}

fit_counts <- function(count, size, type, phase1, extra) {
  m <- length(count)
  b <- if (is.null(phase1)) m else phase1[2]
  a <- list(data = count[seq_len(b)], sizes = size[seq_len(b)], type = type)
  if (b < m) {
    a$newdata <- count[(b + 1):m]
    a$newsizes <- size[(b + 1):m]
  }
  do.call(qcc, c(a, extra))
}

case_json <- function(cs) {
  d <- read.csv(cs$file, check.names = FALSE)
  L <- if (is.null(cs$width)) 3 else cs$width
  known <- list()
  if (!is.null(cs$center)) known$center <- cs$center
  if (!is.null(cs$stddev)) known$std.dev <- cs$stddev
  base <- c(list(nsigmas = L), known)
  secondary <- NULL
  if (cs$chart %in% c("xbar-r", "xbar-s")) {
    x <- as.matrix(d[, -1])
    # σ within as twin computes it: mean of R_i/d2(n_i) (xbar-r) or S_i/c4(n_i) (xbar-s)
    method <- if (cs$chart == "xbar-r") "UWAVE-R" else "UWAVE-SD"
    primary <- fit(x, "xbar", cs$phase1, c(base, if (is.null(cs$stddev)) list(std.dev = method)))
    secondary <- fit(x, if (cs$chart == "xbar-r") "R" else "S", cs$phase1, list(nsigmas = L))
    first2 <- 1
  } else if (cs$chart == "imr") {
    x <- d[, 2]
    m <- length(x)
    primary <- fit(matrix(x, ncol = 1), "xbar.one", cs$phase1, base)
    # qcc 3.0 has no moving-range chart: the MR chart is qcc's R chart of the pairs (x_(i-1), x_i),
    # point i = 2..m; its centre is MR-bar (or d2(2)·σ for a known σ) and σ = MR-bar/d2(2)
    pairs <- cbind(x[-m], x[-1])
    p1 <- if (is.null(cs$phase1)) NULL else c(1, cs$phase1[2] - 1)
    extra <- list(nsigmas = L)
    if (!is.null(cs$stddev)) extra <- c(extra, list(center = 1.128 * cs$stddev, std.dev = cs$stddev))
    secondary <- fit(pairs, "R", p1, extra)
    first2 <- 2
  } else if (cs$chart %in% c("p", "np", "u")) {
    primary <- fit_counts(d[, 3], d[, 2], cs$chart, cs$phase1, base)
  } else if (cs$chart == "c") {
    primary <- fit_counts(d[, 2], rep(1, nrow(d)), "c", cs$phase1, base)
  } else stop("unknown chart ", cs$chart)
  opts <- list()
  if (!is.null(cs$phase1)) opts$phase1 <- int_arr(cs$phase1)
  if (!is.null(cs$width)) opts$width <- num(cs$width)
  if (!is.null(cs$center)) opts$center <- num(cs$center)
  if (!is.null(cs$stddev)) opts$stddev <- num(cs$stddev)
  fields <- list(id = str(cs$id), file = str(cs$file), chart = str(cs$chart),
                 options = if (length(opts)) obj(opts, 3) else "{}",
                 primary = series_json(primary, 1, 3))
  if (!is.null(secondary)) fields$secondary <- series_json(secondary, first2, 3)
  obj(fields, 2)
}

header <- obj(list(
  qcc = str(qcc_version),
  qccCommit = str(args[2]),
  R = str(R.version.string),
  script = str("qcc-reference.R"),
  note = str("rules: qccRulesViolatingWER1..4 (we1..we4) and qccRulesViolatingNEL1..8 (nelson1..nelson8), sample numbers 1-based in input order")
), 1)
body <- vapply(cases, case_json, "")
cat("{\n  \"generator\": ", header, ",\n  \"cases\": [\n    ", paste(body, collapse = ",\n    "), "\n  ]\n}\n", sep = "")
