# window-pareto-long-text: memory vs context length (lllg, state_matched=–)
#
# Bench memory against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Analytic decode state (× batch); the caches measured after the run; the run's peak resident memory.
# Median of 3 interleaved rounds, bars min..max; 0 of 222 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot memory-vs-length.pattern=lllg.state_matched=-.gp
# in this folder: it redraws memory-vs-length.pattern=lllg.state_matched=-.png and memory-vs-length.pattern=lllg.state_matched=-.svg from memory-vs-length.pattern=lllg.state_matched=-.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "memory-vs-length.pattern=lllg.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "memory-vs-length.pattern=lllg.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: memory vs context length (lllg, state_matched=–)" font ",12"

    # state_bytes
    set title "decode state, analytic (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [40106.7:4.57759e+06]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[state_bytes | linear only]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[state_bytes | swa W2]" using ($1*0.952638):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[state_bytes | swa W4]" using ($1*0.959264):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[state_bytes | swa W8]" using ($1*0.965936):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[state_bytes | swa W16]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[state_bytes | swa W32]" using ($1*0.97942):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[state_bytes | swa W64]" using ($1*0.986233):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[state_bytes | swa W128]" using ($1*0.993092):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[state_bytes | swa W256]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[state_bytes | ratt W2]" using ($1*1.00696):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[state_bytes | ratt W4]" using ($1*1.01396):2:3:4 with yerrorlines lc rgb "#e67a7b" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[state_bytes | ratt W8]" using ($1*1.02101):2:3:4 with yerrorlines lc rgb "#e36c6d" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[state_bytes | ratt W16]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e15f5f" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[state_bytes | ratt W32]" using ($1*1.03526):2:3:4 with yerrorlines lc rgb "#de5151" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[state_bytes | ratt W64]" using ($1*1.04247):2:3:4 with yerrorlines lc rgb "#db4344" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[state_bytes | ratt W128]" using ($1*1.04972):2:3:4 with yerrorlines lc rgb "#d93536" pt 7 dt 1 lw 1.5 title "ratt W128", \
         data index "[state_bytes | ratt W256]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W256"

    # measured_state_bytes
    set title "decode state, measured in the caches (bytes)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set logscale y 2; set format y "%.0b %BB"
    set yrange [40106.7:4.57759e+06]; set ytics autofreq
    set xlabel "context length (tokens)"
    set ylabel "bytes, log scale"
    set key outside right top
    plot data index "[measured_state_bytes | linear only]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[measured_state_bytes | swa W2]" using ($1*0.952638):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[measured_state_bytes | swa W4]" using ($1*0.959264):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[measured_state_bytes | swa W8]" using ($1*0.965936):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[measured_state_bytes | swa W16]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[measured_state_bytes | swa W32]" using ($1*0.97942):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[measured_state_bytes | swa W64]" using ($1*0.986233):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[measured_state_bytes | swa W128]" using ($1*0.993092):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[measured_state_bytes | swa W256]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[measured_state_bytes | ratt W2]" using ($1*1.00696):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[measured_state_bytes | ratt W4]" using ($1*1.01396):2:3:4 with yerrorlines lc rgb "#e67a7b" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[measured_state_bytes | ratt W8]" using ($1*1.02101):2:3:4 with yerrorlines lc rgb "#e36c6d" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[measured_state_bytes | ratt W16]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e15f5f" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[measured_state_bytes | ratt W32]" using ($1*1.03526):2:3:4 with yerrorlines lc rgb "#de5151" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[measured_state_bytes | ratt W64]" using ($1*1.04247):2:3:4 with yerrorlines lc rgb "#db4344" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[measured_state_bytes | ratt W128]" using ($1*1.04972):2:3:4 with yerrorlines lc rgb "#d93536" pt 7 dt 1 lw 1.5 title "ratt W128", \
         data index "[measured_state_bytes | ratt W256]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W256"

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
    plot data index "[peak_resident_bytes | linear only]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[peak_resident_bytes | swa W2]" using ($1*0.952638):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[peak_resident_bytes | swa W4]" using ($1*0.959264):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[peak_resident_bytes | swa W8]" using ($1*0.965936):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[peak_resident_bytes | swa W16]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[peak_resident_bytes | swa W32]" using ($1*0.97942):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[peak_resident_bytes | swa W64]" using ($1*0.986233):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[peak_resident_bytes | swa W128]" using ($1*0.993092):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[peak_resident_bytes | swa W256]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[peak_resident_bytes | ratt W2]" using ($1*1.00696):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[peak_resident_bytes | ratt W4]" using ($1*1.01396):2:3:4 with yerrorlines lc rgb "#e67a7b" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[peak_resident_bytes | ratt W8]" using ($1*1.02101):2:3:4 with yerrorlines lc rgb "#e36c6d" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[peak_resident_bytes | ratt W16]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e15f5f" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[peak_resident_bytes | ratt W32]" using ($1*1.03526):2:3:4 with yerrorlines lc rgb "#de5151" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[peak_resident_bytes | ratt W64]" using ($1*1.04247):2:3:4 with yerrorlines lc rgb "#db4344" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[peak_resident_bytes | ratt W128]" using ($1*1.04972):2:3:4 with yerrorlines lc rgb "#d93536" pt 7 dt 1 lw 1.5 title "ratt W128", \
         data index "[peak_resident_bytes | ratt W256]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W256"

    unset multiplot
    set output
}
