# kernel-scaling: memory vs context length
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 147 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/kernel-scaling.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.gp
# in this folder: it redraws memory-vs-length.png and memory-vs-length.svg from memory-vs-length.dat.

width = 1800; height = 460   # pixels (svg: points)
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
    set multiplot layout 1,3 title "kernel-scaling: memory vs context length" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [147911:2.41592e+08]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[state_bytes | swa W64]" using ($1*0.963707):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[state_bytes | swa W256]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[state_bytes | swa W1024]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[state_bytes | ratt W64]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[state_bytes | ratt W256]" using ($1*1.03766):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[state_bytes | ratt W1024]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [147911:2.41592e+08]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[measured_state_bytes | swa W64]" using ($1*0.963707):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[measured_state_bytes | swa W256]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[measured_state_bytes | swa W1024]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[measured_state_bytes | ratt W64]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[measured_state_bytes | ratt W256]" using ($1*1.03766):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[measured_state_bytes | ratt W1024]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    # peak_resident_bytes
    set title "peak resident memory of the run (bytes)"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [4.65579e+07:3.78064e+09]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[peak_resident_bytes | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[peak_resident_bytes | swa W64]" using ($1*0.963707):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[peak_resident_bytes | swa W256]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[peak_resident_bytes | swa W1024]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[peak_resident_bytes | ratt W64]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[peak_resident_bytes | ratt W256]" using ($1*1.03766):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[peak_resident_bytes | ratt W1024]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    unset multiplot
    set output
}
