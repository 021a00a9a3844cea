# window-pareto-long-text: test bits per byte by position, lm_shakespeare (afm, train_length=128, state_matched=–)
#
# Test bits per byte by position bucket, one line per configuration (mean over seeds, bars min..max),
# at the train length and the longest eval length: a model that uses its context gets better further in;
# past the train length the curve shows what happens beyond the positions it was trained on.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot position-curve.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.gp
# in this folder: it redraws position-curve.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.png and position-curve.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.svg from position-curve.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.dat.

width = 1280; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "position-curve.lm_shakespeare.pattern=afm.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "position-curve.lm_shakespeare.pattern=afm.train_length=128.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: test bits per byte by position, lm_shakespeare (afm, train_length=128, state_matched=–)" font ",12"

    # eval length 128
    set title "eval length 128 bytes"
    set logscale x 2
    set autoscale x
    set autoscale y
    set xlabel "position in the window (bytes, log scale; bucket at its geometric middle)"
    set ylabel "test bits per byte"
    set key outside right top
    plot data index "[L=128 | full]" using 3:4:5:6 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # eval length 512
    set title "eval length 512 bytes"
    set logscale x 2
    set autoscale x
    set autoscale y
    set xlabel "position in the window (bytes, log scale; bucket at its geometric middle)"
    set ylabel "test bits per byte"
    set key outside right top
    plot data index "[L=512 | full]" using 3:4:5:6 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
