# window-pareto-long-text: memory vs context length (all_local, state_matched=rattention)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 102 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=all_local.state_matched=rattention.gp
# in this folder: it redraws memory-vs-length.pattern=all_local.state_matched=rattention.png and memory-vs-length.pattern=all_local.state_matched=rattention.svg from memory-vs-length.pattern=all_local.state_matched=rattention.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=all_local.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=all_local.state_matched=rattention." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: memory vs context length (all_local, state_matched=rattention)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [40960:1069056]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | swa W34]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[state_bytes | swa W36]" using ($1*0.961166):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[state_bytes | swa W40]" using ($1*0.976515):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[state_bytes | swa W48]" using ($1*0.99211):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[state_bytes | swa W64]" using ($1*1.00795):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[state_bytes | swa W96]" using ($1*1.02405):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[state_bytes | swa W160]" using ($1*1.0404):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[state_bytes | swa W288]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [40960:1069056]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | swa W34]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[measured_state_bytes | swa W36]" using ($1*0.961166):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[measured_state_bytes | swa W40]" using ($1*0.976515):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[measured_state_bytes | swa W48]" using ($1*0.99211):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[measured_state_bytes | swa W64]" using ($1*1.00795):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[measured_state_bytes | swa W96]" using ($1*1.02405):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[measured_state_bytes | swa W160]" using ($1*1.0404):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[measured_state_bytes | swa W288]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

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
    plot data index "[peak_resident_bytes | swa W34]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[peak_resident_bytes | swa W36]" using ($1*0.961166):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[peak_resident_bytes | swa W40]" using ($1*0.976515):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[peak_resident_bytes | swa W48]" using ($1*0.99211):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[peak_resident_bytes | swa W64]" using ($1*1.00795):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[peak_resident_bytes | swa W96]" using ($1*1.02405):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[peak_resident_bytes | swa W160]" using ($1*1.0404):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[peak_resident_bytes | swa W288]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    unset multiplot
    set output
}
