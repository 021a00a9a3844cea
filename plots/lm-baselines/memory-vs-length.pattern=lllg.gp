# lm-baselines: memory vs context length (lllg)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 12 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=lllg.gp
# in this folder: it redraws memory-vs-length.pattern=lllg.png and memory-vs-length.pattern=lllg.svg from memory-vs-length.pattern=lllg.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=lllg.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=lllg." . format
    set grid
    set multiplot layout 1,3 title "lm-baselines: memory vs context length (lllg)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [306916:1.21559e+06]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | swa W16]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[state_bytes | swa W64]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[state_bytes | ratt W16]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[state_bytes | ratt W64]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [306916:1.21559e+06]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | swa W16]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[measured_state_bytes | swa W64]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[measured_state_bytes | ratt W16]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[measured_state_bytes | ratt W64]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64"

    # peak_resident_bytes
    set title "peak resident memory of the run (bytes)"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [30801920:1.04627e+08]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[peak_resident_bytes | swa W16]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[peak_resident_bytes | swa W64]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[peak_resident_bytes | ratt W16]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[peak_resident_bytes | ratt W64]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64"

    unset multiplot
    set output
}
