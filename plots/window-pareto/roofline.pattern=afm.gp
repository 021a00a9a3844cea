# window-pareto: roofline (afm)
#
# The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).
# x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.
# A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.
# A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot roofline.pattern=afm.gp
# in this folder: it redraws roofline.pattern=afm.png and roofline.pattern=afm.svg from roofline.pattern=afm.dat.

width = 600; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "roofline.pattern=afm.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "roofline.pattern=afm." . format
    set grid
    set multiplot layout 1,1 title "window-pareto: roofline (afm)" font ",12"

    # decode
    set title "decode: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [0.166667:35.1985]
    set yrange [3.39398e+09:1.04684e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.46117e+10 < 5.23421e+11 ? x * 4.46117e+10 : 5.23421e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[decode | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
