# kv-sharing: memory vs context length (uniform)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 9 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/kv-sharing.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=uniform.gp
# in this folder: it redraws memory-vs-length.pattern=uniform.png and memory-vs-length.pattern=uniform.svg from memory-vs-length.pattern=uniform.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=uniform.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=uniform." . format
    set grid
    set multiplot layout 1,3 title "kv-sharing: memory vs context length (uniform)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [1.16622e+06:60401664]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [1.16622e+06:60401664]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # peak_resident_bytes
    set title "peak resident memory of the run (bytes)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [2.60073e+07:3.61938e+08]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[peak_resident_bytes | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
