# window-pareto-long-text: memory vs context length (afm, state_matched=–)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 18 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=afm.state_matched=-.gp
# in this folder: it redraws memory-vs-length.pattern=afm.state_matched=-.png and memory-vs-length.pattern=afm.state_matched=-.svg from memory-vs-length.pattern=afm.state_matched=-.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=afm.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=afm.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: memory vs context length (afm, state_matched=–)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [110364:1.13283e+07]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [110364:1.13283e+07]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # peak_resident_bytes
    set title "peak resident memory of the run (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [92467200:299593728]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[peak_resident_bytes | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
