# window-pareto: memory vs context length (all_local)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 108 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=all_local.gp
# in this folder: it redraws memory-vs-length.pattern=all_local.png and memory-vs-length.pattern=all_local.svg from memory-vs-length.pattern=all_local.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=all_local.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=all_local." . format
    set grid
    set multiplot layout 1,3 title "window-pareto: memory vs context length (all_local)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [2275.56:60401664]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[state_bytes | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[state_bytes | swa W0]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W0", \
         data index "[state_bytes | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[state_bytes | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[state_bytes | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[state_bytes | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[state_bytes | ratt W0]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W0", \
         data index "[state_bytes | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[state_bytes | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[state_bytes | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[state_bytes | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [2275.56:60401664]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[measured_state_bytes | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[measured_state_bytes | swa W0]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W0", \
         data index "[measured_state_bytes | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[measured_state_bytes | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[measured_state_bytes | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[measured_state_bytes | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[measured_state_bytes | ratt W0]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W0", \
         data index "[measured_state_bytes | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[measured_state_bytes | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[measured_state_bytes | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[measured_state_bytes | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    # peak_resident_bytes
    set title "peak resident memory of the run (bytes)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [2.56865e+07:4.53213e+08]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[peak_resident_bytes | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[peak_resident_bytes | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[peak_resident_bytes | swa W0]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W0", \
         data index "[peak_resident_bytes | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[peak_resident_bytes | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[peak_resident_bytes | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[peak_resident_bytes | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[peak_resident_bytes | ratt W0]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W0", \
         data index "[peak_resident_bytes | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[peak_resident_bytes | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[peak_resident_bytes | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[peak_resident_bytes | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    unset multiplot
    set output
}
