# window-pareto-long-text: memory vs context length (lllg, state_matched=rattention)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 45 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=lllg.state_matched=rattention.gp
# in this folder: it redraws memory-vs-length.pattern=lllg.state_matched=rattention.png and memory-vs-length.pattern=lllg.state_matched=rattention.svg from memory-vs-length.pattern=lllg.state_matched=rattention.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=lllg.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=lllg.state_matched=rattention." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: memory vs context length (lllg, state_matched=rattention)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [341.333:3072]
    set xtics ("512" 512, "1024" 1024, "2048" 2048)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [181760:2336256]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | swa W40]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[state_bytes | swa W48]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[state_bytes | swa W64]" using ($1*1):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[state_bytes | swa W96]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[state_bytes | swa W160]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W160"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [341.333:3072]
    set xtics ("512" 512, "1024" 1024, "2048" 2048)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [181760:2336256]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | swa W40]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[measured_state_bytes | swa W48]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[measured_state_bytes | swa W64]" using ($1*1):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[measured_state_bytes | swa W96]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[measured_state_bytes | swa W160]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W160"

    # peak_resident_bytes
    set title "peak resident memory of the run (bytes)"
    set logscale xy
    set xrange [341.333:3072]
    set xtics ("512" 512, "1024" 1024, "2048" 2048)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [92221440:2.99763e+08]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[peak_resident_bytes | swa W40]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[peak_resident_bytes | swa W48]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[peak_resident_bytes | swa W64]" using ($1*1):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[peak_resident_bytes | swa W96]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[peak_resident_bytes | swa W160]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W160"

    unset multiplot
    set output
}
