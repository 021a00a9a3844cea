# lm-baselines: memory vs context length
#
# Bench memory against context length, log-log, one line per variant/window.
# state_bytes: analytic decode state (× batch); measured_state_bytes: the caches after the run; peak_resident_bytes: the run's process.
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.gp
# in this folder: it redraws memory-vs-length.png and memory-vs-length.svg from memory-vs-length.dat.

width = 1680; height = 440   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length." . format
    set grid
    set multiplot layout 1,3 title "lm-baselines: memory vs context length" font ",12"

    # state_bytes
    set title "state_bytes"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set logscale y 2; set format y "%.0b %BB"
    set xlabel "context length (tokens)"
    set ylabel "bytes"
    set key outside right top
    plot data index "[state_bytes | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # measured_state_bytes
    set title "measured_state_bytes"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set logscale y 2; set format y "%.0b %BB"
    set xlabel "context length (tokens)"
    set ylabel "bytes"
    set key outside right top
    plot data index "[measured_state_bytes | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # peak_resident_bytes
    set title "peak_resident_bytes"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set logscale y 2; set format y "%.0b %BB"
    set xlabel "context length (tokens)"
    set ylabel "bytes"
    set key outside right top
    plot data index "[peak_resident_bytes | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
